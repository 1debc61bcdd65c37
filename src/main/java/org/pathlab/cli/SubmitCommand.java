package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "submit", description = "Submit a scenario to the daemon; with --wait, follow it and print its report.")
final class SubmitCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "FILE", description = "the scenario file (HOCON)")
  Path file;

  @Option(names = "--wait", description = "show progress until the experiment ends, then print its report")
  boolean wait;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Option(names = "--poll-ms", defaultValue = "1000", hidden = true)
  long pollMillis;

  @Override
  public Integer call() throws Exception {
    Scenarios.Read read = Scenarios.read(file);
    DaemonClient daemon = client.client();
    JsonNode submitted = DaemonClient.check(daemon.postScenario(read.text(), file.getFileName().toString())).json();
    String id = submitted.path("id").asText();
    if (!wait) {
      parent.out.println(json ? submitted.toString() : "submitted " + id + ": " + submitted.path("runs").asInt()
          + " runs, " + submitted.path("tasks").asInt() + " tasks");
      return ExitCodes.OK;
    }
    if (!json) {
      parent.out.printf("submitted %s: %d runs, %d tasks%n", id, submitted.path("runs").asInt(), submitted.path("tasks").asInt());
      parent.out.flush();
    }
    JsonNode detail = follow(daemon, id);
    String format = json ? "json" : "md";
    parent.out.println(DaemonClient.check(daemon.get("/api/experiments/" + id + "/report?format=" + format)).body());
    for (JsonNode run : detail.path("runs")) {
      if (!run.path("status").asText().equals("finished")) return ExitCodes.RUNS_FAILED;
    }
    return ExitCodes.OK;
  }

  /** Polls the experiment until it finishes, printing a line whenever a run advances. */
  private JsonNode follow(DaemonClient daemon, String id) throws InterruptedException {
    Map<String, String> shown = new HashMap<>();
    while (true) {
      JsonNode detail = DaemonClient.check(daemon.get("/api/experiments/" + id)).json();
      for (JsonNode run : detail.path("runs")) {
        String line = progressLine(run);
        if (!line.equals(shown.put(run.path("id").asText(), line)) && !json) {
          parent.out.println(line);
        }
      }
      parent.out.flush();
      if (detail.path("summary").path("status").asText().equals("finished")) return detail;
      Thread.sleep(pollMillis);
    }
  }

  static String progressLine(JsonNode run) {
    String name = String.format("  %-28s", run.path("arm").asText() + " · seed " + run.path("seed").asText());
    int done = run.path("tasksCompleted").asInt();
    int total = run.path("tasksTotal").asInt();
    String status = run.path("status").asText();
    String bar = "#".repeat(done) + ".".repeat(Math.max(0, total - done));
    StringBuilder line = new StringBuilder(name).append(" [").append(bar).append("] ").append(done).append('/').append(total)
        .append(" tasks · ").append(status);
    JsonNode live = run.path("live");
    if (!live.isMissingNode() && !live.isNull()) {
      line.append(String.format(" · task %d epoch %d · train loss %.4f · val loss %.4f",
          live.path("task").asInt() + 1, live.path("epoch").asInt(), live.path("trainLoss").asDouble(),
          live.path("validationLoss").asDouble()));
    }
    if (!run.path("reason").isNull() && !run.path("reason").isMissingNode()) {
      line.append(" · ").append(run.path("reason").asText());
    }
    return line.toString();
  }
}
