package org.pathlab.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.cli.CliRun;
import org.pathlab.cli.ExitCodes;
import org.pathlab.daemon.Daemon;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * A real daemon (H2 journal file, DJL training on real Fashion-MNIST images, HTTP) driven by the
 * real CLI: a tiny scenario runs to the end, its report's numbers are the ones in the persisted
 * events, and a restarted daemon reads the same report back from the journal file.
 */
@Tag("slow")
class DaemonEndToEndTest {

  private static final String TINY = """
      name = tiny
      dataset { name = fashion-mnist, train-size = 300, validation-size = 100, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 1 }
      arms = [
        { name = baseline, path = baseline }
        { name = "blur→sharp", path = jump, transform = blur }
      ]
      seeds = [1, 2]
      """;

  @TempDir Path dir;

  /** The journal database's settings (none: the embedded H2 file); PostgresEndToEndTest gives PostgreSQL's. */
  protected Map<String, Object> journalConfig() {
    return Map.of();
  }

  /** What `pathlab replay --journal` is given for the data directory's journal. */
  protected String replayJournal(Path dataDir) {
    return dataDir.resolve("journal/pathlab.mv.db").toString();
  }

  /** A daemon on {@code dataDir} with this test's journal. */
  private Daemon start(Path dataDir) throws Exception {
    return TestDaemons.start(dataDir, journalConfig());
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  @Test
  void aTinyScenarioRunsEndToEndAndItsReportComesFromTheJournal() throws Exception {
    Path scenario = dir.resolve("tiny.conf");
    Files.writeString(scenario, TINY);
    Path data = dir.resolve("var");
    String reportJson;
    String id;
    try (Daemon daemon = start(data)) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String url = api.url();
      CliRun submit = cli("submit", scenario.toString(), "--wait", "--url", url);
      assertEquals(ExitCodes.OK, submit.code(), submit.err() + submit.out());
      assertTrue(submit.out().contains("| blur→sharp |"), submit.out());
      assertTrue(submit.out().contains("[##] 2/2 tasks · finished"), "progress was shown: " + submit.out());

      JsonNode list = api.getOk("/api/experiments");
      assertEquals(1, list.size());
      id = list.get(0).path("id").asText();
      assertEquals("finished", list.get(0).path("status").asText());
      assertEquals(6, list.get(0).path("tasksCompleted").asInt());

      reportJson = api.getText("/api/experiments/" + id + "/report?format=json");
      JsonNode report = DaemonHttp.parse(reportJson);

      // The numbers in the report are the persisted TaskCompleted events' numbers.
      JdbcReadJournal journal = PersistenceQuery.get(daemon.system())
          .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      List<Object> events = journal.currentEventsByPersistenceId("experiment|" + id, 0, Long.MAX_VALUE)
          .map(e -> e.event())
          .runWith(Sink.seq(), daemon.system())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      Map<String, ExperimentEvent.TaskCompleted> lastTask = new HashMap<>();
      for (Object e : events) {
        if (e instanceof ExperimentEvent.TaskCompleted t) lastTask.put(t.runId(), t);
      }
      assertEquals(6, events.stream().filter(e -> e instanceof ExperimentEvent.TaskCompleted).count());
      double baselineMean = Double.NaN;
      for (JsonNode arm : report.path("arms")) {
        List<Double> losses = new ArrayList<>();
        for (JsonNode seed : arm.path("seeds")) {
          ExperimentEvent.TaskCompleted t = lastTask.get(seed.path("runId").asText());
          assertNotNull(t, "an event for " + seed);
          assertEquals(t.metrics().targetTestLoss(), seed.path("targetTestLoss").asDouble());
          assertEquals(t.metrics().targetTestAccuracy(), seed.path("targetTestAccuracy").asDouble());
          losses.add(t.metrics().targetTestLoss());
        }
        double mean = losses.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(mean, arm.path("meanLoss").asDouble(), 1e-12);
        if (arm.path("baseline").asBoolean()) baselineMean = mean;
        else assertEquals(mean - baselineMean, arm.path("gap").asDouble(), 1e-12);
      }
      assertTrue(Files.list(data.resolve("checkpoints")).count() >= 6, "a checkpoint per completed task");
      // each run's first task recorded its initial weights' hash: a seed's two runs started alike, so they are paired
      for (Object e : events) {
        if (e instanceof ExperimentEvent.TaskCompleted t) {
          assertEquals(t.taskIndex() == 0, t.metrics().initialParameters() != null, "the hash is the first task's: " + t);
        }
      }
      JsonNode blur = report.path("arms").get(1);
      assertEquals("paired by seed", blur.path("vsBaseline").path("loss").path("design").asText(), blur.toString());
      assertEquals("paired t", blur.path("gapCi").path("method").asText(), blur.toString());

      // The daemon keeps the ended experiment's report files under <data-dir>/reports/ID/.
      Path live = data.resolve("reports").resolve(id);
      await("live report files in " + live).atMost(Duration.ofSeconds(20))
          .until(() -> Files.exists(live.resolve("figure.svg")));
    }

    // Replay with no daemon running rebuilds byte-identical files from the journal file alone.
    Path replayed = dir.resolve("replayed");
    CliRun replay = cli("replay", "--journal", replayJournal(data), "--out", replayed.toString());
    assertEquals(ExitCodes.OK, replay.code(), replay.err());
    assertTrue(replay.out().contains("replayed 1 experiments"), replay.out());
    for (String name : org.pathlab.report.ReportFiles.NAMES) {
      assertEquals(Files.readString(data.resolve("reports").resolve(id).resolve(name)),
          Files.readString(replayed.resolve(id).resolve(name)), name + " rebuilt byte for byte");
    }

    // A new daemon on the same data directory reads the same report back from the journal file.
    try (Daemon daemon = start(data)) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String url = api.url();
      assertEquals(reportJson, api.getText("/api/experiments/" + id + "/report?format=json"));
      CliRun report = cli("report", id, "--url", url);
      assertEquals(ExitCodes.OK, report.code(), report.err());
      CliRun csv = cli("report", id, "--format", "csv", "--url", url);
      assertEquals(1 + 4, csv.out().strip().lines().count(), "a header and one row per seed: " + csv.out());
      CliRun svg = cli("report", id, "--format", "svg", "--url", url);
      assertTrue(svg.out().startsWith("<svg") && svg.out().contains("baseline mean"), svg.out());
      CliRun curves = cli("report", id, "--format", "curves", "--url", url);
      assertTrue(curves.out().startsWith("<svg") && curves.out().contains("<polyline"), curves.out());
      assertTrue(report.out().contains("# Experiment " + id + " — tiny"), report.out());
      CliRun status = cli("status", "--url", url);
      assertTrue(status.out().contains(id) && status.out().contains("finished"), status.out());
      // validate asks the daemon for this baseline's history: its power rests on the journal's sd, not an assumed one
      CliRun validate = cli("validate", scenario.toString(), "--url", url);
      assertEquals(ExitCodes.OK, validate.code(), validate.err());
      assertTrue(validate.out().contains("at the sd of 2 finished runs of this baseline in the daemon's journal (experiment " + id
          + ")"), validate.out());

      // `report --rebuild` resets the projection: every report file is written again from the
      // first event, byte for byte as before, and the read model has caught up with the journal.
      org.apache.commons.io.file.PathUtils.deleteDirectory(data.resolve("reports"));
      CliRun rebuild = cli("report", "--rebuild", "--url", url);
      assertEquals(ExitCodes.OK, rebuild.code(), rebuild.err());
      assertTrue(rebuild.out().startsWith("rebuilt from "), rebuild.out());
      for (String name : org.pathlab.report.ReportFiles.NAMES) {
        assertEquals(Files.readString(replayed.resolve(id).resolve(name)),
            Files.readString(data.resolve("reports").resolve(id).resolve(name)), name + " rebuilt by the projection");
      }
      JsonNode progress = api.getOk("/api/reports/progress");
      assertEquals(progress.path("journalEnd").asLong(), progress.path("offset").asLong(), progress.toString());
      assertTrue(progress.path("offset").asLong() >= 10, progress.toString());
      assertEquals(ExitCodes.USAGE, cli("report", id, "--rebuild", "--url", url).code(), "--rebuild takes no id");

      // reports/ replaced by a file: the rebuild cannot write a report, and says so with a non-zero exit
      org.apache.commons.io.file.PathUtils.deleteDirectory(data.resolve("reports"));
      Files.writeString(data.resolve("reports"), "not a folder");
      CliRun blocked = cli("report", "--rebuild", "--url", url);
      assertEquals(ExitCodes.DAEMON_ERROR, blocked.code(), blocked.out());
      assertTrue(blocked.err().contains(" could not be written under <data-dir>/reports (the daemon's log says why)"), blocked.err());
    }
  }

  @Test
  void anExperimentWhoseDatasetIsMissingFailsWithTheReasonAndTheDaemonKeepsServing() throws Exception {
    Path missing = dir.resolve("svhn.conf");
    Files.writeString(missing, TINY.replace("name = fashion-mnist", "name = svhn").replace("name = tiny", "name = no-data"));
    Path fine = dir.resolve("tiny.conf");
    Files.writeString(fine, TINY.replace("seeds = [1, 2]", "seeds = [1]"));
    try (Daemon daemon = start(dir.resolve("var"))) {
      String url = "http://127.0.0.1:" + daemon.port();
      CliRun failed = cli("submit", missing.toString(), "--wait", "--url", url);
      assertEquals(ExitCodes.RUNS_FAILED, failed.code(), failed.err() + failed.out());
      assertTrue(failed.out().contains("dataset 'svhn' not found"), failed.out());
      assertTrue(failed.out().contains("ops/datasets svhn"), "the reason says what to do: " + failed.out());
      CliRun ok = cli("submit", fine.toString(), "--wait", "--url", url);
      assertEquals(ExitCodes.OK, ok.code(), "the daemon keeps serving: " + ok.err() + ok.out());
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void cancelStopsARunningExperimentFromTheCli() throws Exception {
    Path slow = dir.resolve("slow.conf");
    Files.writeString(slow, TINY.replace("train-size = 300", "train-size = 3000").replace("max-epochs = 2, patience = 1", "max-epochs = 50, patience = 50"));
    try (Daemon daemon = start(dir.resolve("var"))) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String url = api.url();
      CliRun submitted = cli("submit", slow.toString(), "--json", "--url", url);
      String id = DaemonHttp.parse(submitted.out()).path("id").asText();
      // cancel once training is under way (a live epoch), not before
      api.awaitDetail(id, Duration.ofSeconds(60), d -> d.path("runs").findValuesAsText("status").contains("training"));
      CliRun cancel = cli("cancel", id, "--url", url);
      assertEquals(ExitCodes.OK, cancel.code(), cancel.err());
      // the cancellation is an event (read within the journal's poll interval); the stopped epoch is pushed at once
      JsonNode detail = api.awaitDetail(id, Duration.ofSeconds(30), d -> !d.path("summary").path("status").asText().equals("running")
          && !d.path("runs").findValuesAsText("status").contains("training"));
      assertEquals("cancelled", detail.path("summary").path("status").asText());
      for (JsonNode run : detail.path("runs")) assertEquals("cancelled", run.path("status").asText());
      assertEquals(ExitCodes.CONFLICT, cli("cancel", id, "--url", url).code(), "cancelling twice conflicts");
      // The trainer is free again within an epoch: otherwise 4 runs × 50 epochs would hold it for minutes.
      Path next = dir.resolve("next.conf");
      Files.writeString(next, TINY.replace("seeds = [1, 2]", "seeds = [1]"));
      CliRun after = cli("submit", next.toString(), "--wait", "--url", url);
      assertEquals(ExitCodes.OK, after.code(), after.err());
    }
  }
}
