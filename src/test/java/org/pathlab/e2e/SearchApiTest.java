package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.scenario.SearchBlockTest;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * Searches over the API: an invalid search is refused with its key, nothing submitted; a search
 * is listed, read in every format, has no winner before it selects one, and cancelled stops with
 * the evaluations it had in flight; a finished search's winner is an ordinary scenario.
 */
@Tag("slow")
class SearchApiTest {

  @TempDir Path dir;

  @Test
  void aSearchIsRefusedListedReadCancelledAndItsWinnerWrittenAsAScenario() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("var"))) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      var bad = api.send(api.request("/api/experiments").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
          SearchBlockTest.SEARCH.replace("seeds = [101, 102, 103]", "seeds = [101, 1, 103]"))));
      assertEquals(400, bad.statusCode(), bad.body());
      assertTrue(bad.body().contains("search.confirmation.seeds"), bad.body());
      assertEquals(404, api.getRaw("/api/searches/search-20260101-000000-abcd").statusCode());

      String cancelled = api.submit(SearchBlockTest.SEARCH);
      assertEquals(409, api.getRaw("/api/searches/" + cancelled + "/winner").statusCode(), "no winner before one is selected");
      JsonNode list = api.getOk("/api/searches");
      assertEquals(cancelled, list.get(0).path("id").asText());
      api.awaitJson(Duration.ofMinutes(2), "/api/searches/" + cancelled, r -> r.path("evaluations").size() >= 2);
      api.post("/api/searches/" + cancelled + "/cancel");
      JsonNode after = api.getOk("/api/searches/" + cancelled);
      assertEquals("cancelled", after.path("status").asText());
      assertTrue(after.path("summary").asText().startsWith("Cancelled (cancelled by a user)"), after.path("summary").asText());
      assertEquals(409, api.send(api.request("/api/searches/" + cancelled + "/cancel")
          .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode(), "a search ends once");
      for (JsonNode e : after.path("evaluations")) {
        String status = api.awaitEnded(e.path("experimentId").asText(), Duration.ofMinutes(1));
        assertTrue(status.equals("finished") || status.equals("cancelled"), e.path("experimentId").asText() + " " + status);
      }
      int evaluations = after.path("evaluations").size();
      assertEquals(evaluations, api.getOk("/api/searches/" + cancelled).path("evaluations").size(), "nothing starts after a cancel");

      String id = api.submit(SearchBlockTest.SEARCH);
      api.awaitJson(Duration.ofMinutes(4), "/api/searches/" + id, r -> r.path("status").asText().equals("finished"));
      assertTrue(api.getText("/api/searches/" + id + "/report?format=md").startsWith("# Search " + id));
      assertTrue(api.getText("/api/searches/" + id + "/report?format=csv").startsWith("index,path,rung,seeds,score,cost"));
      assertTrue(api.getText("/api/searches/" + id + "/report?format=svg").contains("<svg"));
      assertEquals(400, api.getRaw("/api/searches/" + id + "/report?format=pdf").statusCode());
      String winner = api.getText("/api/searches/" + id + "/winner");
      var scenario = ScenarioParser.parse(winner, "winner.conf");
      String name = api.getOk("/api/searches/" + id).path("confirmation").get(2).path("arm").asText();
      assertEquals(java.util.List.of("baseline", "shift → sharp", name), scenario.arms().stream().map(a -> a.name()).toList());
      assertEquals(java.util.List.of(101L, 102L, 103L), scenario.seeds());
      // submitted, the winner's scenario reuses every run of the confirmation: nothing is trained again
      String again = api.submit(winner);
      assertEquals("finished", api.awaitEnded(again, Duration.ofMinutes(1)));
      JsonNode report = api.getOk("/api/experiments/" + again + "/report?format=json");
      assertEquals(report.path("tasksCompleted").asInt(), report.path("tasksReused").asInt(), "every task reused");
    }
  }
}
