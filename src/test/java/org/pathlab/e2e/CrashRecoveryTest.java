package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.DaemonProcess;
import org.pathlab.testing.TestDaemons;

/**
 * Fault injection: a daemon in its own process is killed with SIGKILL at random moments while an
 * experiment trains, and restarted each time. Afterwards every run is complete, each (run, task)
 * has exactly one TaskCompleted, no task started training after its completion was persisted
 * (from the events and the trainers' "train-start" log lines of every incarnation), and the report
 * equals that of an uninterrupted run of the same scenario.
 */
@Tag("slow")
class CrashRecoveryTest {

  private static final String SCENARIO = """
      name = crash
      dataset { name = fashion-mnist, train-size = 1000, validation-size = 100, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 3, patience = 3 }
      arms = [
        { name = baseline, path = baseline }
        { name = "blur N=3", path = discretize, transform = blur, steps = 3 }
      ]
      seeds = [1, 2]
      """;
  private static final int KILLS = 5;
  private static final Pattern TRAIN_START = Pattern.compile("train-start device=\\S+ experiment=(\\S+) run=(\\S+) task=(\\d+) at=(\\d+)");

  @TempDir Path dir;

  /** Starts daemon {@code n} on {@code data} in its own process. */
  private DaemonProcess start(Path data, int n) throws Exception {
    return DaemonProcess.start(data, dir.resolve("daemon-" + n + ".log"), List.of());
  }

  /** In either precision: bf16's promise is fp32's, bit-identical across restarts on one machine (docs/scenarios.md, "Precision"). */
  @ParameterizedTest
  @ValueSource(strings = {"fp32", "bf16"})
  void killedAtRandomMomentsTheExperimentStillCompletesExactlyOnceWithTheSameReport(String precision) throws Exception {
    String scenario = SCENARIO.replace("training {", "training { precision = " + precision + ",");
    Path data = dir.resolve("var");
    Random random = new Random(20261125);
    List<Path> logs = new ArrayList<>();
    DaemonProcess daemon = start(data, 0);
    logs.add(daemon.log());
    String id = daemon.api().submit(scenario);
    int killedWhileRunning = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      daemon.awaitProgress(id, 1 + random.nextInt(3)); // the chaos schedule: after a random number of epochs
      JsonNode before = daemon.api().getOk("/api/experiments/" + id);
      if (!before.path("summary").path("status").asText().equals("running")) break;
      killedWhileRunning++;
      daemon.kill();
      daemon = start(data, kill);
      logs.add(daemon.log());
    }
    JsonNode detail;
    JsonNode report;
    JsonNode events;
    try {
      detail = daemon.awaitFinished(id);
      report = daemon.api().getOk("/api/experiments/" + id + "/report?format=json");
      events = daemon.api().getOk("/api/experiments/" + id + "/events");
      // The report projection catches up and writes the report files.
      Path file = data.resolve("reports").resolve(id).resolve("report.json");
      await("the projection writes " + file).atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
      assertEquals(report, new ObjectMapper().readTree(file.toFile()), "the projection's report file is the journal's report");
    } finally {
      daemon.stop();
    }
    assertEquals(KILLS, killedWhileRunning, "every kill must land while the experiment trains (make the scenario longer)");

    // Every run complete.
    assertEquals("finished", detail.path("summary").path("status").asText());
    for (JsonNode run : detail.path("runs")) assertEquals("finished", run.path("status").asText(), run.toString());

    // Exactly one TaskCompleted per (run, task), and when it was persisted.
    Map<String, Long> completedAt = new HashMap<>();
    for (JsonNode e : events) {
      if (!e.path("type").asText().equals("TaskCompleted")) continue;
      String key = e.path("event").path("runId").asText() + "/" + e.path("event").path("taskIndex").asInt();
      Long previous = completedAt.put(key, e.path("event").path("completedAtMillis").asLong());
      assertEquals(null, previous, "a second TaskCompleted for " + key);
    }
    assertEquals(8, completedAt.size(), "2 baseline runs × 1 task + 2 runs × 3 tasks");

    // The projection processed every event exactly once although it was killed with the daemon:
    // its read model counted each event once (its offset is committed with the read model).
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
            "jdbc:h2:file:" + data.resolve("journal/pathlab").toAbsolutePath(), "sa", "");
        java.sql.ResultSet r = c.createStatement().executeQuery(
            "SELECT \"event_count\", \"tasks_completed\", \"status\" FROM \"pathlab_experiment_summary\"")) {
      assertTrue(r.next(), "a read-model row");
      assertEquals(events.size(), r.getLong(1), "events counted once each in the read model");
      assertEquals(8, r.getInt(2));
      assertEquals("finished", r.getString(3));
    }

    // No task started training after its completion had been persisted, in any incarnation.
    int starts = 0;
    for (Path log : logs) {
      Matcher m = TRAIN_START.matcher(Files.readString(log));
      while (m.find()) {
        if (!m.group(1).equals(id)) continue;
        starts++;
        String key = m.group(2) + "/" + m.group(3);
        Long done = completedAt.get(key);
        assertNotNull(done, "trained an unknown task " + key);
        assertTrue(Long.parseLong(m.group(4)) < done, key + " started training after its completion was persisted");
      }
    }
    assertTrue(starts >= 8, "the logs show every training start (" + starts + ")");

    // The same numbers as a run that was never interrupted.
    try (Daemon uninterrupted = TestDaemons.start(dir.resolve("calm"))) {
      DaemonHttp calm = new DaemonHttp(uninterrupted.port());
      String calmId = calm.submit(scenario);
      calm.awaitEnded(calmId, Duration.ofMinutes(5));
      JsonNode expected = calm.getOk("/api/experiments/" + calmId + "/report?format=json");
      assertEquals(expected.path("arms"), report.path("arms"), "bit-identical results after " + KILLS + " crashes");
      assertEquals(precision, report.path("precision").asText());
    }
  }
}
