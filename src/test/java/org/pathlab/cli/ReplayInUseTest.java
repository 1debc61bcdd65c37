package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * `replay` on the journal of a daemon that runs in another process (as an operator's would): the
 * journal file is locked, and the user reads who holds it and what to do instead.
 */
@Tag("slow")
class ReplayInUseTest {

  @TempDir Path dir;
  private Process daemon;

  @AfterEach
  void stopDaemon() throws Exception {
    if (daemon == null) return;
    daemon.destroy(); // SIGTERM: a graceful shutdown
    if (!daemon.waitFor(60, TimeUnit.SECONDS)) daemon.destroyForcibly().waitFor();
  }

  /** Starts `pathlab daemon` in its own JVM and returns once it serves (it prints that line when it does). */
  private void startDaemon(Path data) {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      daemon = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-Dai.djl.offline=true",
          "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
          "org.pathlab.cli.Main", "daemon", "--data-dir", data.toString(), "--port", "0")
          .redirectError(dir.resolve("daemon.log").toFile())
          .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); ; line = out.readLine()) {
        if (line == null) throw new AssertionError("the daemon ended before serving:\n" + Files.readString(dir.resolve("daemon.log")));
        if (line.startsWith("pathlab daemon serving http://")) return;
      }
    }, "the daemon serves within 2 minutes");
  }

  @Test
  void replayOnTheJournalOfARunningDaemonSaysItIsInUseAndWhatToDo() {
    Path data = dir.resolve("var");
    startDaemon(data);
    Path journal = data.resolve("journal/pathlab.mv.db");
    assertTrue(Files.isRegularFile(journal), "the daemon made its journal");

    CliRun r = CliRun.of("replay", "--journal", journal.toString(), "--out", dir.resolve("reports").toString());

    assertEquals(ExitCodes.CONFLICT, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals("pathlab: the journal " + journal + " is in use by a running daemon; stop it first (`ops/pathlab daemon` "
        + "stops on Ctrl-C or SIGTERM), or ask it: `pathlab report ID` prints a report, `pathlab report --rebuild` rewrites "
        + "every report file", r.err().strip());
  }
}
