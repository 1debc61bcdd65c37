package org.pathlab.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.testing.DaemonProcess;

/**
 * No crash loops (issue R): a daemon that dies twice in a row while an experiment's task trains,
 * before an epoch of it is done (as an out-of-memory error or a native crash in that task would
 * make it), quarantines the experiment at the third start: the experiment is failed with the
 * reason in an event and not resumed, and the daemon serves, and trains, everything else.
 */
@Tag("slow")
class CrashLoopTest {

  private static final String SCENARIO = """
      name = %s
      dataset { name = fashion-mnist, train-size = %d, validation-size = 100, test-size = 100 }
      model = small-cnn
      training { max-epochs = 1, patience = 1 }
      arms = [{ name = baseline, path = baseline }]
      seeds = [1]
      """;

  @TempDir Path dir;

  @Test
  void anExperimentInFlightAtTwoDeathsInARowIsQuarantinedAndTheThirdStartServes() throws Exception {
    Path data = dir.resolve("var");
    DaemonProcess daemon = DaemonProcess.start(data, dir.resolve("daemon-0.log"), List.of());
    // an epoch of 50,000 images takes seconds: each kill lands inside the task's first epoch
    String id = daemon.api().submit(SCENARIO.formatted("looping", 50_000));
    for (int death = 1; death <= 2; death++) {
      awaitTrainStart(daemon.log(), id);
      daemon.kill();
      assertTrue(Files.exists(data.resolve("crash-guard/in-flight/" + id + ".training")), "the mark outlives the JVM");
      daemon = DaemonProcess.start(data, dir.resolve("daemon-" + death + ".log"), List.of());
      if (death == 1) {
        assertEquals("running", daemon.api().getOk("/api/experiments/" + id).path("summary").path("status").asText(),
            "one death is not a loop: the experiment resumes");
      }
    }
    DaemonProcess third = daemon;
    try {
      await("the quarantine event").atMost(Duration.ofSeconds(60)).until(() ->
          third.api().getOk("/api/experiments/" + id).path("summary").path("status").asText().equals("quarantined"));
      JsonNode detail = daemon.api().getOk("/api/experiments/" + id);
      JsonNode run = detail.path("runs").get(0);
      assertEquals("failed", run.path("status").asText(), run.toString());
      assertTrue(run.toString().contains("quarantined: the daemon stopped without shutting down 2 times in a row while this experiment"
          + " was in training"), run.toString());
      daemon.api().getOk("/api/health"); // 200: the daemon serves
      String log = Files.readString(daemon.log());
      assertTrue(!log.contains("train-start device=cpu experiment=" + id), "a quarantined experiment does not train again:\n" + log);

      // the daemon trains everything else
      String other = daemon.api().submit(SCENARIO.formatted("next", 200));
      assertEquals("finished", daemon.awaitFinished(other).path("summary").path("status").asText());
    } finally {
      daemon.stop();
    }
  }

  private static void awaitTrainStart(Path log, String id) {
    await("train-start of " + id + " in " + log).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> Files.readString(log).contains("train-start device=cpu experiment=" + id));
  }
}
