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

  @Option(names = "--wait", description = "follow the experiment live until it ends, then print its report")
  boolean wait;

  @Option(names = "--detach", description = "return as soon as the daemon accepted the scenario (the default)")
  boolean detach;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (wait && detach) throw new CliException(ExitCodes.USAGE, "--wait and --detach exclude each other");
    Scenarios.Read read = Scenarios.read(file);
    DaemonClient daemon = client.client();
    JsonNode submitted = DaemonClient.check(daemon.postScenario(read.text(), file.getFileName().toString())).json();
    String id = submitted.path("id").asText();
    if (!wait) {
      parent.out.println(json ? submitted.toString() : "submitted " + id + ": " + submitted.path("runs").asInt()
          + " runs, " + submitted.path("tasks").asInt() + " tasks (`pathlab watch " + id + "` follows it)");
      return ExitCodes.OK;
    }
    if (!json) {
      parent.out.printf("submitted %s: %d runs, %d tasks%n", id, submitted.path("runs").asInt(), submitted.path("tasks").asInt());
      parent.out.flush();
    }
    // with --json, only the report is printed (one JSON document for scripts)
    JsonNode detail = WatchCommand.follow(daemon, id, parent, false, json);
    String format = json ? "json" : "md";
    parent.out.println(DaemonClient.check(daemon.get("/api/experiments/" + id + "/report?format=" + format)).body());
    return WatchCommand.exitCode(detail);
  }

  static String progressLine(JsonNode run) {
    return ProgressView.runLine(run);
  }
}
