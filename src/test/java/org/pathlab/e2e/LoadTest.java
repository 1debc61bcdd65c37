package org.pathlab.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/** 50 tiny scenarios submitted at once: every one is accepted and completes, and the journal holds exactly their events. */
@Tag("slow")
class LoadTest {

  private static final int SCENARIOS = 50;

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void fiftyConcurrentSubmissionsAllComplete() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("var"))) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
      for (int i = 0; i < SCENARIOS; i++) {
        String scenario = """
            name = load-%d
            dataset { name = fashion-mnist, train-size = 60, validation-size = 20, test-size = 40 }
            model = small-cnn
            training { learning-rate = 0.01, batch-size = 20, max-epochs = 1, patience = 1 }
            arms = [{ name = baseline, path = baseline }]
            seeds = [%d]
            """.formatted(i, i + 1);
        posts.add(api.sendAsync(api.request("/api/experiments?name=load-" + i + ".conf")
            .POST(HttpRequest.BodyPublishers.ofString(scenario))));
      }
      Set<String> ids = new HashSet<>();
      for (CompletableFuture<HttpResponse<String>> post : posts) {
        HttpResponse<String> r = post.get();
        assertEquals(201, r.statusCode(), r.body());
        ids.add(DaemonHttp.parse(r.body()).path("id").asText());
      }
      assertEquals(SCENARIOS, ids.size(), "every submission got its own experiment");

      await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
        JsonNode list = api.get("/api/experiments");
        assertEquals(SCENARIOS, list.size());
        long finished = 0;
        for (JsonNode e : list) if (e.path("status").asText().equals("finished")) finished++;
        return finished == SCENARIOS;
      });

      for (String id : ids) {
        JsonNode events = api.get("/api/experiments/" + id + "/events");
        assertEquals(List.of("ExperimentSubmitted", "TaskCompleted", "RunFinished", "ExperimentFinished"), events.findValuesAsText("type"), id);
      }
      // and nothing else in the journal: its last event is the 4 × 50th
      JsonNode progress = api.awaitJson(Duration.ofMinutes(2), "/api/reports/progress",
          p -> p.path("offset").asLong() >= p.path("journalEnd").asLong());
      assertEquals(4 * SCENARIOS, progress.path("journalEnd").asLong(), "exactly the expected events in the journal");
    }
  }
}
