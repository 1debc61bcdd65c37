package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.daemon.Replay;
import org.pathlab.scenario.SearchBlockTest;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.DaemonProcess;
import org.pathlab.testing.TestDaemons;

/**
 * A small search through the daemon, killed with SIGKILL twice — once while it evaluates paths,
 * once while it confirms its winners — and restarted each time, ends with the same decisions
 * (every evaluation: path, rung, seeds, score, cost; the winners) and the same report as a search
 * that ran through; {@code pathlab replay} rebuilds that report from the journal.
 */
@Tag("slow")
class SearchCrashTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private DaemonProcess start(Path data, int n) throws Exception {
    return DaemonProcess.start(data, dir.resolve("daemon-" + n + ".log"), List.of());
  }

  /** Waits until the search's report satisfies {@code condition}, or fails when the search ended first. */
  private static JsonNode await(DaemonHttp api, String id, String what, Predicate<JsonNode> condition) {
    return api.awaitJson(Duration.ofMinutes(5), "/api/searches/" + id, r -> {
      if (condition.test(r)) return true;
      if (r.path("status").asText().equals("finished")) throw new AssertionError("the search ended before " + what + ": " + r);
      return false;
    });
  }

  private static long scored(JsonNode report) {
    long n = 0;
    for (JsonNode e : report.path("evaluations")) if (!e.path("score").isNull()) n++;
    return n;
  }

  /** The report with the search's id (which its experiments' ids begin with) made neutral: two searches compare. */
  private static JsonNode neutral(JsonNode report) throws Exception {
    return JSON.readTree(report.toString().replace(report.path("searchId").asText(), "SEARCH"));
  }

  @Test
  void killedTwiceTheSearchDecidesAndReportsAsOneThatRanThrough() throws Exception {
    Path data = dir.resolve("var");
    DaemonProcess daemon = start(data, 0);
    String id = daemon.api().submit(SearchBlockTest.SEARCH);
    assertTrue(id.startsWith("search-"), id);
    JsonNode report;
    try {
      await(daemon.api(), id, "two evaluations ended", r -> scored(r) >= 2);
      daemon.kill();
      daemon = start(data, 1);
      JsonNode resumed = daemon.api().getOk("/api/searches/" + id);
      assertEquals("searching", resumed.path("status").asText(), "killed while it evaluated paths");
      await(daemon.api(), id, "the confirmation started", r -> r.path("status").asText().equals("confirming"));
      daemon.kill();
      daemon = start(data, 2);
      report = daemon.api().awaitJson(Duration.ofMinutes(5), "/api/searches/" + id, r -> r.path("status").asText().equals("finished"));
      assertEquals(report, daemon.api().getOk("/api/searches/" + id + "/report?format=json"));
    } finally {
      daemon.stop();
    }
    assertTrue(report.path("summary").asText().startsWith("Selected '"), report.path("summary").asText());
    assertEquals(4, report.path("confirmation").size(), "the baseline, shift → sharp and the 2 winners");

    // replay: the same report from the journal, with no daemon
    Path out = dir.resolve("replayed");
    Replay.run(data.resolve("journal/pathlab.mv.db"), out);
    assertEquals(report, JSON.readTree(Files.readString(out.resolve(id).resolve("search.json"))), "replay's report is the daemon's");

    // the same decisions and numbers as a search that was never interrupted
    try (Daemon calm = TestDaemons.start(dir.resolve("calm"))) {
      DaemonHttp api = new DaemonHttp(calm.port());
      String calmId = api.submit(SearchBlockTest.SEARCH);
      JsonNode expected = api.awaitJson(Duration.ofMinutes(5), "/api/searches/" + calmId, r -> r.path("status").asText().equals("finished"));
      assertEquals(neutral(expected).path("evaluations"), neutral(report).path("evaluations"), "the same evaluations, in order, with the same scores and costs");
      assertEquals(neutral(expected), neutral(report), "the same report after two crashes");
    }
  }
}
