package org.pathlab.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/** A daemon in its own process, to be killed with SIGKILL and started again on the same data directory. */
public record DaemonProcess(Process process, DaemonHttp api, Path log) {

  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)");

  /**
   * Starts a daemon on {@code data}, its output in {@code log}, with {@code properties} as extra
   * {@code -D} settings; returns once it says where it serves (at most a minute).
   */
  public static DaemonProcess start(Path data, Path log, List<String> properties) throws Exception {
    return start(data, log, properties, System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
  }

  /** As {@link #start(Path, Path, List)}, on {@code classpath} instead of the tests' own. */
  public static DaemonProcess start(Path data, Path log, List<String> properties, String classpath) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true"));
    for (String p : properties) command.add("-D" + p);
    command.addAll(List.of("-cp", classpath,
        "org.pathlab.cli.Main", "daemon", "--data-dir", data.toString(), "--port", "0"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int[] port = new int[1];
    try {
      await("the daemon logging to " + log + " serves").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
        Matcher m = SERVING.matcher(Files.readString(log));
        if (m.find()) {
          port[0] = Integer.parseInt(m.group(1));
          return true;
        }
        if (!p.isAlive()) fail("the daemon died at start:\n" + Files.readString(log));
        return false;
      });
    } catch (ConditionTimeoutException e) {
      p.destroyForcibly();
      throw new AssertionError("the daemon did not start:\n" + Files.readString(log), e);
    }
    return new DaemonProcess(p, new DaemonHttp(port[0]), log);
  }

  /** SIGKILL: no shutdown hook, no flush; returns once the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, then waits for the process to end. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /**
   * Waits (at most 2 minutes) until the experiment has reported {@code steps} more trained epochs or
   * completed tasks, or has ended: a kill then lands in the middle of training.
   */
  public void awaitProgress(String id, int steps) {
    long[] seen = {-1, 0}; // the last progress seen, and how many times it changed
    await("progress of " + id).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          JsonNode detail = api.getOk("/api/experiments/" + id);
          if (!detail.path("summary").path("status").asText().equals("running")) return true;
          long progress = 0;
          for (JsonNode run : detail.path("runs")) progress += run.path("tasksCompleted").asLong() * 1000 + run.path("live").path("epoch").asLong();
          if (seen[0] >= 0 && progress != seen[0]) seen[1]++;
          seen[0] = progress;
          return seen[1] >= steps;
        });
  }

  /** Waits (at most 5 minutes) until the experiment has ended; returns its detail. */
  public JsonNode awaitFinished(String id) {
    JsonNode[] detail = new JsonNode[1];
    await("experiment " + id + " ends").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> !(detail[0] = api.getOk("/api/experiments/" + id)).path("summary").path("status").asText().equals("running"));
    return detail[0];
  }
}
