package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * Stopping the daemon while it trains (what SIGTERM does, through coordinated shutdown): training
 * stops at the next epoch boundary, nothing is recorded for the interrupted task — no failure, no
 * completion — and the next daemon trains it again and finishes the experiment.
 */
@Tag("slow")
class GracefulShutdownTest {

  /**
   * One task of 40 epochs (over 10 s on an idle AVX-512 core pair): the first read after the
   * submission waits for the report projection to fold it (up to about 2 s), and must still find
   * the task training; at 5 epochs (1.8 s) it had sometimes ended by then.
   */
  private static final String SLOW = """
      name = shutdown
      dataset { name = fashion-mnist, train-size = 3000, validation-size = 200, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 40, patience = 40 }
      arms = [{ name = baseline, path = baseline }]
      seeds = [1]
      """;

  @TempDir Path dir;

  @Test
  @Timeout(180)
  void stoppedMidTaskTheDaemonRecordsNothingForItAndTheNextOneFinishesTheExperiment() throws Exception {
    Path data = dir.resolve("var");
    String id;
    Daemon daemon = TestDaemons.start(data);
    try {
      DaemonHttp api = new DaemonHttp(daemon.port());
      id = api.submit(SLOW);
      // wait until the first epoch has been trained: the task is under way
      api.awaitDetail(id, Duration.ofMinutes(2),
          detail -> detail.path("runs").get(0).path("status").asText().equals("training"));
    } finally {
      daemon.close(); // coordinated shutdown, as on SIGTERM
    }
    try (Daemon second = TestDaemons.start(data)) {
      DaemonHttp api = new DaemonHttp(second.port());
      JsonNode events = api.get("/api/experiments/" + id + "/events");
      assertEquals(List.of("ExperimentSubmitted"), events.findValuesAsText("type"),
          "the interrupted task left no trace: not completed, not failed");
      assertEquals("finished", api.awaitEnded(id, Duration.ofMinutes(3)));
      assertEquals(List.of("ExperimentSubmitted", "TaskCompleted", "RunFinished", "ExperimentFinished"),
          api.get("/api/experiments/" + id + "/events").findValuesAsText("type"));
    }
  }
}
