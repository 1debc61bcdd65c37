package org.pathlab.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
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
  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern TRAIN_START = Pattern.compile("train-start device=\\S+ experiment=(\\S+) run=(\\S+) task=(\\d+) at=(\\d+)");

  @TempDir Path dir;

  private record Incarnation(Process process, DaemonHttp api, Path log) {}

  /** Starts daemon {@code n} on {@code data} in its own process; returns once it says where it serves. */
  private Incarnation start(Path data, int n) throws Exception {
    Path log = dir.resolve("daemon-" + n + ".log");
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "org.pathlab.cli.Main", "daemon", "--data-dir", data.toString(), "--port", "0")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    int[] port = new int[1];
    try {
      await("daemon " + n + " serves").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
        Matcher m = SERVING.matcher(Files.readString(log));
        if (m.find()) {
          port[0] = Integer.parseInt(m.group(1));
          return true;
        }
        if (!p.isAlive()) fail("daemon " + n + " died at start:\n" + Files.readString(log));
        return false;
      });
    } catch (ConditionTimeoutException e) {
      p.destroyForcibly();
      throw new AssertionError("daemon " + n + " did not start:\n" + Files.readString(log), e);
    }
    return new Incarnation(p, new DaemonHttp(port[0]), log);
  }

  /**
   * Waits (at most 2 minutes) until this incarnation has reported {@code steps} more trained epochs or
   * completed tasks, or the experiment has ended: the kill then lands in the middle of training.
   */
  private void awaitProgress(DaemonHttp api, String id, int steps) {
    long[] seen = {-1, 0}; // the last progress seen, and how many times it changed
    await("progress of " + id).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          JsonNode detail = api.getOk("/api/experiments/" + id);
          if (!detail.path("summary").path("status").asText().equals("running")) return true;
          long progress = 0;
          for (JsonNode run : detail.path("runs")) progress += run.path("tasksCompleted").asLong() * 1000 + run.path("live").path("epoch").asLong();
          if (seen[0] >= 0 && progress != seen[0]) seen[1]++;
          seen[0] = progress;
          return seen[1] >= steps;
        });
  }

  /** Waits (at most 5 minutes) until the experiment has ended; returns its detail. */
  private JsonNode awaitFinished(DaemonHttp api, String id) {
    JsonNode[] detail = new JsonNode[1];
    await("experiment " + id + " ends").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> !(detail[0] = api.getOk("/api/experiments/" + id)).path("summary").path("status").asText().equals("running"));
    return detail[0];
  }

  @Test
  void killedAtRandomMomentsTheExperimentStillCompletesExactlyOnceWithTheSameReport() throws Exception {
    Path data = dir.resolve("var");
    Random random = new Random(20261125);
    List<Path> logs = new ArrayList<>();
    Incarnation daemon = start(data, 0);
    logs.add(daemon.log());
    String id = daemon.api().submit(SCENARIO);
    int killedWhileRunning = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      awaitProgress(daemon.api(), id, 1 + random.nextInt(3)); // the chaos schedule: after a random number of epochs
      JsonNode before = daemon.api().getOk("/api/experiments/" + id);
      if (!before.path("summary").path("status").asText().equals("running")) break;
      killedWhileRunning++;
      daemon.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      daemon.process().waitFor();
      daemon = start(data, kill);
      logs.add(daemon.log());
    }
    JsonNode detail;
    JsonNode report;
    JsonNode events;
    try {
      detail = awaitFinished(daemon.api(), id);
      report = daemon.api().getOk("/api/experiments/" + id + "/report?format=json");
      events = daemon.api().getOk("/api/experiments/" + id + "/events");
      // The report projection catches up and writes the report files.
      Path file = data.resolve("reports").resolve(id).resolve("report.json");
      await("the projection writes " + file).atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
      assertEquals(report, new ObjectMapper().readTree(file.toFile()), "the projection's report file is the journal's report");
    } finally {
      daemon.process().destroy();
      daemon.process().waitFor();
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
      String calmId = calm.submit(SCENARIO);
      awaitFinished(calm, calmId);
      JsonNode expected = calm.getOk("/api/experiments/" + calmId + "/report?format=json");
      assertEquals(expected.path("arms"), report.path("arms"), "bit-identical results after " + KILLS + " crashes");
    }
  }
}
