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
 * Once a command has returned, an experiment's status shows it, however far behind the live query
 * of the journal is: here that query polls every 15 s, so everything after the daemon's start
 * reaches the status only from the journal itself (the dashboard fetches an ended experiment's page
 * once; a tag added a moment before went missing from it while the live query had not polled).
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

  private static final Map<String, Object> SLOW_LIVE_QUERY = Map.of("jdbc-read-journal.refresh-interval", "15s");

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
    // after a restart the live model knows the experiment up to its end (folded at the start), and
    // its query polls only every 15 s: later events come from the journal
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
