package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.cli.CliRun;
import org.pathlab.daemon.Daemon;
import org.pathlab.model.Safetensors;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * `pathlab export`: a trained small CNN (at non-default widths) and a trained ResNet-18 (batch norm,
 * on Fashion-MNIST as 3×32×32) go out as safetensors, are loaded by Debian's PyTorch with the
 * shipped python/pathlab_models.py (strict state-dict load, its own safetensors reader: Debian has
 * no safetensors package), and give the test loss pathlab recorded, on the same test images.
 */
@Tag("slow")
class WeightsExportTest {

  private static final String SMALL = """
      name = export-small
      dataset { name = fashion-mnist, train-size = 1000, validation-size = 100, test-size = 300 }
      model { name = small-cnn, channels = [8, 16], hidden = 32 }
      training { learning-rate = 0.05, batch-size = 50, max-epochs = 3, patience = 3 }
      arms = [
        { name = baseline, path = baseline }
        { name = blur, path = jump, transform = blur }
      ]
      seeds = [1]
      """;

  private static final String RESNET = """
      name = export-resnet
      dataset { name = fashion-mnist, train-size = 200, validation-size = 50, test-size = 100, channels = 3, size = 32 }
      model = resnet-18
      training { learning-rate = 0.05, batch-size = 50, max-epochs = 2, patience = 2 }
      arms = [ { name = baseline, path = baseline } ]
      seeds = [2]
      """;

  @TempDir Path dir;

  @Test
  @Timeout(900)
  void exportedNetworksGiveTheRecordedTestLossInPyTorch() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("data"))) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String url = api.url();
      String small = api.submit(SMALL);
      String resnet = api.submit(RESNET);
      assertEquals("finished", api.awaitEnded(small, Duration.ofMinutes(5)));
      assertEquals("finished", api.awaitEnded(resnet, Duration.ofMinutes(8)));

      // the blur arm's first task (blurred images) and its last (the target); the baseline's ResNet-18
      check(url, small, SMALL, "blur", 1, 0, 8, "8,16,32");
      check(url, small, SMALL, "blur", 1, null, 8, "8,16,32");
      check(url, resnet, RESNET, "baseline", 2, null, 122, null);

      CliRun noArm = CliRun.of("export", small, "--arm", "nope", "--seed", "1", "--out", dir.resolve("x").toString(), "--url", url);
      assertEquals(2, noArm.code(), noArm.out());
      assertTrue(noArm.err().contains("has no run of arm 'nope' with seed 1; its runs: [baseline seed 1, blur seed 1]"), noArm.err());
      CliRun noTask = CliRun.of("export", small, "--arm", "blur", "--seed", "1", "--task", "2", "--out", dir.resolve("x").toString(),
          "--url", url);
      assertEquals(2, noTask.code());
      assertTrue(noTask.err().contains("task 2 is not a task of this path: it has 2 (0 to 1)"), noTask.err());
      assertTrue(Files.notExists(dir.resolve("x")), "nothing written");
    }
  }

  /** Exports one run's task, checks the file's header, and has PyTorch recompute its target test loss. */
  private void check(String url, String id, String scenario, String arm, long seed, Integer task, int tensors, String widths)
      throws Exception {
    Path file = dir.resolve(id + "-" + arm + "-" + task + ".safetensors");
    List<String> args = new java.util.ArrayList<>(List.of("export", id, "--arm", arm, "--seed", Long.toString(seed), "--out",
        file.toString(), "--url", url));
    if (task != null) args.addAll(List.of("--task", task.toString()));
    CliRun export = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, export.code(), export.err());

    Map<String, Object> header = Safetensors.header(Files.readAllBytes(file));
    @SuppressWarnings("unchecked")
    Map<String, String> meta = (Map<String, String>) header.get("__metadata__");
    assertEquals(tensors, header.size() - 1, "tensors (with num_batches_tracked for each batch norm): " + header.keySet());
    assertEquals(widths, meta.get("widths"));
    assertEquals(id, meta.get("experiment"));
    assertEquals(task == null ? meta.get("tasks") : task.toString(), task == null ? Integer.toString(Integer.parseInt(meta.get("task")) + 1)
        : meta.get("task"));

    // what pathlab recorded for that task, from the tidy export
    String csv = new DaemonHttp(Integer.parseInt(url.replaceAll(".*:(\\d+).*", "$1"))).getText(
        "/api/experiments/" + id + "/metrics?level=task");
    List<String> lines = csv.lines().toList();
    List<String> columns = List.of(lines.get(0).split(","));
    String row = lines.stream().skip(1).filter(l -> {
      String[] f = l.split(",");
      return f[columns.indexOf("arm")].equals(arm) && f[columns.indexOf("seed")].equals(Long.toString(seed))
          && f[columns.indexOf("task")].equals(meta.get("task"));
    }).findFirst().orElseThrow(() -> new AssertionError("no row for " + arm + " seed " + seed + " task " + meta.get("task") + ":\n" + csv));
    double recorded = Double.parseDouble(row.split(",")[columns.indexOf("target_test_loss")]);
    assertEquals(recorded, Double.parseDouble(meta.get("target_test_loss")), 0.0);

    Path scenarioFile = dir.resolve(id + ".conf");
    Files.writeString(scenarioFile, scenario);
    Path spec = dir.resolve(id + "-spec.json");
    CliRun specRun = CliRun.of("bench", "experiment-spec", "--scenario", scenarioFile.toString(), "--out", spec.toString());
    assertEquals(0, specRun.code(), specRun.err());
    Process p = new ProcessBuilder("/usr/bin/python3", "bench/reference.py", "exported", "--spec", spec.toString(), "--weights",
        file.toString(), "--own-reader").redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "python3-torch (which ops/test installs): " + out + err);
    JsonNode result = DaemonHttp.parse(out.strip().lines().reduce((a, b) -> b).orElse(""));
    double torchLoss = result.path("test_loss").asDouble();
    System.out.printf("export %s %s seed %d task %s: pathlab %.9f, PyTorch %.9f, difference %.2e%n", meta.get("model"), arm, seed,
        meta.get("task"), recorded, torchLoss, torchLoss - recorded);
    assertEquals(recorded, torchLoss, 1e-4 * Math.max(1, recorded),
        "PyTorch's test loss of the exported " + meta.get("model") + " against pathlab's: " + result);
  }
}
