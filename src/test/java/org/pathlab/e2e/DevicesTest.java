package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * Device assignment with configured device lists: two "GPUs" that the engine runs on the CPU, or
 * two concurrent runs on one device. The work waits in one queue and every trainer takes from it.
 */
@Tag("slow")
class DevicesTest {

  private static final String FOUR_RUNS = """
      name = devices
      dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 100 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 2 }
      arms = [{ name = baseline, path = baseline }, { name = j, path = jump, transform = blur }]
      seeds = [1, 2]
      """;

  @TempDir Path dir;

  /** A daemon on dir/{@code name} with the settings in {@code extra}, one training thread per trainer. */
  private Daemon start(String name, Map<String, Object> extra) throws Exception {
    Map<String, Object> config = new HashMap<>(extra);
    // one thread each: two trainers share the 2 cores
    config.put("pathlab.training.threads", 1);
    return TestDaemons.start(dir.resolve(name), config);
  }

  /** Runs the scenario; returns the device of every TaskCompleted. */
  private static List<JsonNode> run(DaemonHttp api) {
    String id = api.submit(FOUR_RUNS);
    assertEquals("finished", api.awaitEnded(id, Duration.ofMinutes(4)));
    for (JsonNode run : api.get("/api/experiments/" + id).path("runs")) {
      assertEquals("finished", run.path("status").asText(), "every run finished: " + run);
    }
    return api.get("/api/experiments/" + id + "/events").findValues("event").stream()
        .filter(e -> e.has("trainedOn")).map(e -> e.path("trainedOn")).toList();
  }

  @Test
  @Timeout(300)
  void twoFakeGpusBothTrain() throws Exception {
    List<Map<String, String>> devices = List.of(Map.of("name", "gpu0", "engine", "cpu"), Map.of("name", "gpu1", "engine", "cpu"));
    try (Daemon d = start("gpus", Map.of("pathlab.devices", devices, "pathlab.reuse", false))) {
      DaemonHttp api = new DaemonHttp(d.port());
      List<JsonNode> trainedOn = run(api);
      assertEquals(6, trainedOn.size(), "2 baseline tasks + 2 runs × 2 tasks");
      Set<String> names = new TreeSet<>();
      for (JsonNode on : trainedOn) names.add(on.path("trainer").asText());
      assertEquals(Set.of("gpu0", "gpu1"), names, "both devices trained: " + trainedOn);
      assertTrue(trainedOn.stream().allMatch(t -> t.path("engine").asText().equals("cpu()") && t.path("node").isNull()),
          "on the engine's CPU: " + trainedOn);
      JsonNode listed = api.get("/api/devices");
      assertEquals(List.of("gpu0", "gpu1"), listed.findValuesAsText("name"));
      assertEquals(6, listed.get(0).path("tasksTrained").asLong() + listed.get(1).path("tasksTrained").asLong());
    }
  }

  @Test
  @Timeout(300)
  void twoRunsPerDeviceAreTwoTrainers() throws Exception {
    try (Daemon d = start("k2", Map.of("pathlab.devices", List.of(Map.of("name", "cpu", "engine", "cpu")),
        "pathlab.runs-per-device", 2, "pathlab.reuse", false))) {
      DaemonHttp api = new DaemonHttp(d.port());
      List<JsonNode> trainedOn = run(api);
      Set<String> names = new TreeSet<>();
      for (JsonNode on : trainedOn) names.add(on.path("trainer").asText());
      assertEquals(Set.of("cpu#1", "cpu#2"), names, "both trainers of the device trained: " + trainedOn);
      assertEquals(List.of("cpu#1", "cpu#2"), api.get("/api/devices").findValuesAsText("name"));
      JsonNode placement = api.get("/api/cluster");
      assertTrue(placement.path("node").isNull(), "a daemon on its own: " + placement);
      assertEquals(List.of("cpu#1", "cpu#2"), placement.path("trainers").findValuesAsText("name"), "the device queue's trainers");
      assertTrue(placement.path("trainers").findValues("training").stream().allMatch(JsonNode::isNull), "idle: " + placement);
      assertEquals(1, placement.path("supervising").size(), "the one experiment is supervised here: " + placement);
    }
  }

  @Test
  void aBadDeviceListIsRefusedWithTheSetting() {
    Exception e = assertThrows(IllegalStateException.class, () -> start("bad",
        Map.of("pathlab.devices", List.of(Map.of("name", "tpu0", "engine", "tpu(0)")))));
    assertTrue(e.getMessage().contains("pathlab.devices: engine = tpu(0) for device tpu0; use cpu or gpu(N)"), e.getMessage());
  }
}
