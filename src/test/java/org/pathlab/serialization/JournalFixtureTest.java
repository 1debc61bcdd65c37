package org.pathlab.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;

/**
 * A journal written by an earlier pathlab (src/test/resources/fixtures/journal-v1) replays with
 * today's code into the same reports, although its events have since gained fields
 * (TaskCompleted.trainedOn): nothing recorded is lost when events evolve.
 */
class JournalFixtureTest {

  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/journal-v1");
  private static final String FINISHED = "20261125-001525-0df1";
  private static final String CANCELLED = "20261125-001530-7649";

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return json.readTree(r.body());
  }

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
    try (Daemon daemon = Daemon.start(ConfigFactory.parseMap(
        Map.of("pathlab.data-dir", dir.resolve("var").toString(), "pathlab.http.port", 0)))) {
      String api = "http://127.0.0.1:" + daemon.port() + "/api/experiments/";
      for (String id : new String[] {FINISHED, CANCELLED}) {
        JsonNode expected = json.readTree(FIXTURE.resolve("report-" + id + ".json").toFile());
        assertContains(expected, get(api + id + "/report?format=json"), id);
      }
      JsonNode report = get(api + FINISHED + "/report?format=json");
      assertEquals("bilinear", report.path("blurFilter").asText(), "written before blur filters: the blur it trained with");
      assertEquals(8, report.path("shiftMax").asInt());
      JsonNode events = get(api + FINISHED + "/events");
      assertEquals("TaskCompleted", events.get(1).path("type").asText());
      assertEquals(true, events.get(1).path("event").path("trainedOn").isNull(), "a field the old event did not have reads as null");
      assertEquals("cancelled", get(api + CANCELLED).path("summary").path("status").asText(), "a cancelled experiment stays cancelled");
    }
  }
}
