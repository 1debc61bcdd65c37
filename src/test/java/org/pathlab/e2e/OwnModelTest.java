package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * A researcher's TorchScript module through a real daemon: trained along baseline and blur→sharp
 * paths with a report, reused whole by an identical experiment, and refused at submission (with
 * nothing recorded) when it is not TorchScript, gives the wrong output or lies outside the roots.
 */
@Tag("slow")
class OwnModelTest {

  private static final Path MODELS = Path.of("src/test/resources/torchscript").toAbsolutePath();

  private static final String SCENARIO = """
      name = own-model
      dataset { name = fashion-mnist, train-size = 300, validation-size = 100, test-size = 200 }
      model { torchscript = "%s", input = [1, 28, 28], classes = 10, init = pytorch-default }
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 2 }
      arms = [
        { name = baseline, path = baseline }
        { name = blur, path = jump, transform = blur }
      ]
      seeds = [1, 2]
      """;

  @TempDir Path dir;

  private static HttpResponse<String> post(DaemonHttp api, String scenario) {
    return api.send(api.request("/api/experiments").POST(HttpRequest.BodyPublishers.ofString(scenario)));
  }

  @Test
  @Timeout(600)
  void ownModuleTrainsReportsReusesAndBadOnesAreRefused() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("data"), Map.of("pathlab.model-roots", List.of(MODELS.toString())))) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String id = api.submit(SCENARIO.formatted("batchnorm_cnn.pt"));
      assertEquals("finished", api.awaitEnded(id, Duration.ofMinutes(5)));
      String md = api.getRaw("/api/experiments/" + id + "/report").body();
      assertTrue(md.contains("torchscript batchnorm_cnn.pt (sha256 ") && md.contains("6/6 tasks done"), md);
      JsonNode arms = api.get("/api/experiments/" + id + "/report?format=json").path("arms");
      assertEquals(2, arms.size(), arms.toString());
      assertEquals(6, api.completions(id).size());

      // the tidy exports: a row per epoch the journal holds, and per task
      int epochs = api.completions(id).stream().mapToInt(c -> c.path("metrics").path("epochs").size()).sum();
      HttpResponse<String> perEpoch = api.getRaw("/api/experiments/" + id + "/metrics?level=epoch");
      assertEquals(200, perEpoch.statusCode());
      assertTrue(perEpoch.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), perEpoch.headers().toString());
      List<String> lines = perEpoch.body().lines().toList();
      assertTrue(lines.get(0).startsWith("experiment,arm,baseline,seed,run_id,task,tasks_in_path,task_label,level_blur"), lines.get(0));
      assertEquals(epochs, lines.size() - 1, "one row per recorded epoch");
      assertEquals(6, api.getText("/api/experiments/" + id + "/metrics?level=task").lines().count() - 1, "one row per task");
      assertEquals(400, api.getRaw("/api/experiments/" + id + "/metrics?level=run").statusCode());

      String again = api.submit(SCENARIO.formatted("batchnorm_cnn.pt"));
      assertEquals("finished", api.awaitEnded(again, Duration.ofMinutes(5)));
      List<JsonNode> second = api.completions(again);
      assertTrue(second.stream().allMatch(c -> !c.path("reusedFrom").isNull()), "every prefix reused: " + second);
      assertEquals(arms, api.get("/api/experiments/" + again + "/report?format=json").path("arms"), "the same numbers");

      int known = api.get("/api/experiments").size();
      for (String[] bad : new String[][] {
          {"state_dict.pt", "is not a TorchScript module"},
          {"five_classes.pt", "gives an output of shape (2, 5)"},
          {"no_parameters.pt", "has no parameters"},
          {"../../../../pom.xml", "is not a file under the allowed roots"}}) {
        HttpResponse<String> r = post(api, SCENARIO.formatted(bad[0]));
        assertEquals(400, r.statusCode(), bad[0] + ": " + r.body());
        assertTrue(r.body().contains(bad[1]) && r.body().contains("nothing was submitted"), bad[0] + ": " + r.body());
      }
      assertEquals(known, api.get("/api/experiments").size(), "nothing recorded for a refused scenario");
      assertTrue(Files.exists(MODELS.resolve("batchnorm_cnn.pt")));
    }
  }
}
