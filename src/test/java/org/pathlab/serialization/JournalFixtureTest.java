package org.pathlab.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * A journal written by an earlier pathlab (src/test/resources/fixtures/journal-v1) replays with
 * today's code into the same reports, although its events have since gained fields
 * (TaskCompleted.trainedOn): nothing recorded is lost when events evolve.
 */
@org.junit.jupiter.api.Tag("slow")
class JournalFixtureTest {

  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/journal-v1");
  private static final String FINISHED = "20261125-001525-0df1";
  private static final String CANCELLED = "20261125-001530-7649";

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * Every value the report had when the fixture was written is still there, unchanged; reports
   * may have gained fields since (statistics). The one deliberate change: a baseline arm no longer
   * has a gap to itself (it was 0.0, it is null).
   */
  private static void assertContains(JsonNode expected, JsonNode actual, String where) {
    if (expected.isObject()) {
      expected.fields().forEachRemaining(e -> {
        if (e.getKey().equals("gap") && expected.path("baseline").asBoolean()) return;
        assertContains(e.getValue(), actual.path(e.getKey()), where + "." + e.getKey());
      });
    } else if (expected.isArray()) {
      assertEquals(expected.size(), actual.size(), where);
      for (int i = 0; i < expected.size(); i++) assertContains(expected.get(i), actual.get(i), where + "[" + i + "]");
    } else {
      assertEquals(expected, actual, where);
    }
  }

  @Test
  void theCommittedJournalReplaysIntoTheSameReports() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("var/journal"));
    Files.copy(FIXTURE.resolve("pathlab.mv.db"), journal.resolve("pathlab.mv.db"));
    try (Daemon daemon = TestDaemons.start(dir.resolve("var"))) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String experiments = "/api/experiments/";
      for (String id : new String[] {FINISHED, CANCELLED}) {
        JsonNode expected = json.readTree(FIXTURE.resolve("report-" + id + ".json").toFile());
        assertContains(expected, api.getOk(experiments + id + "/report?format=json"), id);
      }
      JsonNode report = api.getOk(experiments + FINISHED + "/report?format=json");
      assertEquals("bilinear", report.path("blurFilter").asText(), "written before blur filters: the blur it trained with");
      assertEquals(8, report.path("shiftMax").asInt());
      JsonNode events = api.getOk(experiments + FINISHED + "/events");
      assertEquals("TaskCompleted", events.get(1).path("type").asText());
      assertEquals(true, events.get(1).path("event").path("trainedOn").isNull(), "a field the old event did not have reads as null");
      assertEquals(true, events.get(1).path("event").path("metrics").path("initialParameters").isNull(),
          "journals from before the initial weights' hash read as unknown");
      // unknown starts are not proven equal: the old experiment's arm is compared unpaired, and says why
      for (JsonNode arm : report.path("arms")) {
        if (arm.path("baseline").asBoolean()) continue;
        JsonNode loss = arm.path("vsBaseline").path("loss");
        assertEquals("unpaired", loss.path("design").asText(), arm.toString());
        assertEquals(true, loss.path("designReason").asText().startsWith("the journal does not record the runs' initial weights"),
            loss.toString());
        assertEquals("Welch t", arm.path("gapCi").path("method").asText(), arm.toString());
      }
      assertEquals("test-loss", report.path("metric").asText(), "plans from before the metric key: the loss");
      assertEquals("fp32", report.path("precision").asText(), "plans from before precision existed trained in fp32");
      assertEquals("cancelled", api.getOk(experiments + CANCELLED).path("summary").path("status").asText(), "a cancelled experiment stays cancelled");
    }
  }
}
