package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * Reusing trained path prefixes: the same experiment with reuse on and off gives the same numbers;
 * with it on, a prefix shared by two arms is trained once per seed, a repeated experiment trains
 * nothing, and a prefix that differs in learning process, intervention or seed is never reused.
 */
@Tag("slow")
class ReuseTest {

  private static final String SCENARIO = """
      name = reuse-check
      dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 2 }
      arms = [
        { name = baseline, path = baseline }
        { name = A, path = jump, transform = blur, per-task { learning-rate = [0.01, 0.01] } }
        { name = B, path = jump, transform = blur, per-task { learning-rate = [0.01, 0.02] } }
        { name = C, path = jump, transform = blur, per-task { learning-rate = [0.02, 0.01] } }
        { name = D, path = jump, transform = blur, per-task { bias-reset = [yes, no] } }
      ]
      seeds = [1, 2]
      """;

  @TempDir Path dir;

  /** A daemon on dir/{@code name}, reusing prefixes or not. */
  private Daemon start(String name, boolean reuse) throws Exception {
    return TestDaemons.start(dir.resolve(name), Map.of("pathlab.reuse", reuse));
  }

  /** Submits, waits until it ended, returns the id. */
  private static String run(DaemonHttp api, String scenario) {
    String id = api.submit(scenario);
    assertEquals("finished", api.awaitEnded(id, Duration.ofMinutes(5)));
    return id;
  }

  private static int trainedEpochs(List<JsonNode> completions) {
    int epochs = 0;
    for (JsonNode c : completions) if (c.path("reusedFrom").isNull()) epochs += c.path("metrics").path("epochsRun").asInt();
    return epochs;
  }

  @Test
  @Timeout(600)
  void reusedPrefixesGiveTheSameNumbersForLessTraining() throws Exception {
    JsonNode armsOff;
    int epochsOff;
    try (Daemon daemon = start("off", false)) {
      DaemonHttp off = new DaemonHttp(daemon.port());
      String id = run(off, SCENARIO);
      armsOff = off.get("/api/experiments/" + id + "/report?format=json").path("arms");
      List<JsonNode> done = off.completions(id);
      assertTrue(done.stream().allMatch(c -> c.path("reusedFrom").isNull()), "reuse off: everything trained");
      epochsOff = trainedEpochs(done);
    }
    try (Daemon daemon = start("on", true)) {
      DaemonHttp on = new DaemonHttp(daemon.port());
      String id = run(on, SCENARIO);
      JsonNode report = on.get("/api/experiments/" + id + "/report?format=json");
      assertEquals(armsOff, report.path("arms"), "the same numbers with reuse on and off");
      List<JsonNode> done = on.completions(id);
      assertEquals(18, done.size(), "2 baseline runs × 1 task + 4 arms × 2 seeds × 2 tasks");
      List<JsonNode> reused = done.stream().filter(c -> !c.path("reusedFrom").isNull()).toList();
      // A and B share their first task (blur at lr 0.01) for each seed: trained once, reused once.
      // C (another learning rate) and D (bias reset) begin differently: never served from A or B.
      assertEquals(2, reused.size(), "one reuse per seed: " + reused);
      assertEquals(2, report.path("tasksReused").asInt());
      JsonNode plan = on.get("/api/experiments/" + id);
      for (JsonNode c : reused) {
        assertEquals(0, c.path("taskIndex").asInt());
        String[] from = c.path("reusedFrom").asText().split("/");
        assertEquals(id, from[0], "from this experiment");
        JsonNode target = runOf(plan, c.path("runId").asText());
        JsonNode source = runOf(plan, from[1]);
        assertEquals(target.path("seed"), source.path("seed"), "the same seed");
        assertTrue(List.of("A", "B").contains(target.path("arm").asText()) && List.of("A", "B").contains(source.path("arm").asText())
            && !target.path("arm").equals(source.path("arm")), "between A and B only: " + c);
        JsonNode original = done.stream().filter(d -> d.path("runId").asText().equals(from[1]) && d.path("taskIndex").asInt() == 0)
            .findFirst().orElseThrow();
        assertEquals(original.path("checkpointSha256"), c.path("checkpointSha256"), "continues from the same parameters");
        assertEquals(original.path("metrics"), c.path("metrics"));
        assertEquals(original.path("prefixKey"), c.path("prefixKey"));
      }
      int epochsOn = trainedEpochs(done);
      int reusedEpochs = reused.stream().mapToInt(c -> c.path("metrics").path("epochsRun").asInt()).sum();
      assertEquals(epochsOff - reusedEpochs, epochsOn, "fewer task-epochs trained by exactly the reused ones");
      assertTrue(reusedEpochs > 0);

      // The same experiment again: every prefix is known, nothing is trained, the numbers are the same.
      String again = run(on, SCENARIO);
      List<JsonNode> second = on.completions(again);
      assertEquals(18, second.size());
      assertEquals(0, trainedEpochs(second), "a repeated experiment trains nothing");
      assertEquals(armsOff, on.get("/api/experiments/" + again + "/report?format=json").path("arms"));

      // A scenario can turn reuse off for itself.
      String fresh = run(on, "reuse = false\n" + SCENARIO);
      List<JsonNode> third = on.completions(fresh);
      assertTrue(third.stream().allMatch(c -> c.path("reusedFrom").isNull()), "reuse = false trains everything");
      assertEquals(armsOff, on.get("/api/experiments/" + fresh + "/report?format=json").path("arms"), "and is deterministic");
    }
  }

  private static JsonNode runOf(JsonNode detail, String runId) {
    for (JsonNode r : detail.path("runs")) if (r.path("id").asText().equals(runId)) return r;
    throw new AssertionError("no run " + runId);
  }

  /** Also: prefixes from the journal are reused by an experiment submitted the moment a restarted daemon answers. */
  @Test
  void theReportSaysHowManyTasksWereReused() throws Exception {
    try (Daemon daemon = start("md", true)) {
      run(new DaemonHttp(daemon.port()), SCENARIO.replace("seeds = [1, 2]", "seeds = [1]"));
    }
    try (Daemon daemon = start("md", true)) {
      DaemonHttp on = new DaemonHttp(daemon.port());
      String id = run(on, SCENARIO.replace("seeds = [1, 2]", "seeds = [1]"));
      String md = on.getRaw("/api/experiments/" + id + "/report").body();
      assertNotNull(md);
      assertTrue(md.contains("9/9 tasks done · 9 of them reused from identical path prefixes"), md);
    }
  }
}
