package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * Once a command has returned, an experiment's status shows it, however far behind the report
 * projection's query of the journal is: here that query polls every 5 s, so a read that follows a
 * command waits for the projection to fold the command's events (pathlab.read-side.wait, 20 s
 * here) instead of answering the state before it (the dashboard fetches an ended experiment's page
 * once; a tag added a moment before once went missing from it).
 */
@Tag("slow")
class ReadYourWritesTest {

  private static final String TINY = """
      name = read-your-writes
      dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 200 }
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 1, patience = 1 }
      arms = [ { name = baseline, path = baseline } ]
      seeds = [1]
      """;

  private static final Map<String, Object> SLOW_LIVE_QUERY = Map.of("jdbc-read-journal.refresh-interval", "5s",
      "pathlab.read-side.wait", "20s");

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void aTagOrNoteShowsInTheStatusAsSoonAsItsCommandReturned() throws Exception {
    Path data = dir.resolve("data");
    String id;
    try (Daemon daemon = TestDaemons.start(data, SLOW_LIVE_QUERY)) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      id = api.submit(TINY);
      assertEquals("finished", api.awaitEnded(id, Duration.ofMinutes(3)));
      assertEquals(200, api.postJson("/api/experiments/" + id + "/tags", "{\"add\": [\"first\"]}").statusCode());
      assertTrue(tags(api.getOk("/api/experiments/" + id)).contains("first"));
    }
    // after a restart the read side knows the experiment from the read model's rows, and the
    // projection's query polls only every 5 s: each read below waits for the write before it
    try (Daemon daemon = TestDaemons.start(data, SLOW_LIVE_QUERY)) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      JsonNode before = api.getOk("/api/experiments/" + id);
      assertEquals("[\"first\"]", before.path("summary").path("tags").toString());
      assertEquals(200, api.postJson("/api/experiments/" + id + "/tags", "{\"add\": [\"second\"], \"remove\": [\"first\"]}").statusCode());
      assertEquals(200, api.postJson("/api/experiments/" + id + "/notes", "{\"text\": \"seen at once\"}").statusCode());
      assertTrue(api.post("/api/experiments/" + id + "/archive").path("archived").asBoolean());
      JsonNode after = api.getOk("/api/experiments/" + id);
      assertEquals("[\"second\"]", after.path("summary").path("tags").toString(), after.toString());
      assertEquals("seen at once", after.path("summary").path("notes").path(0).path("text").asText(), after.toString());
      assertTrue(after.path("summary").path("archived").asBoolean(), after.toString());
      assertEquals("finished", after.path("summary").path("status").asText());
    }
  }

  private static String tags(JsonNode detail) {
    return detail.path("summary").path("tags").toString();
  }
}
