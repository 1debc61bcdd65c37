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

  @Parameters(paramLabel = "FILE", arity = "0..1", description = "the scenario file (HOCON); none with --from")
  Path file;

  @Option(names = "--from", paramLabel = "ID", description = "submit the scenario of experiment ID again, changed by --set; "
      + "identical path prefixes are reused, so only what changed is trained")
  String from;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "with --from: set a HOCON path to a value, e.g. "
      + "training.learning-rate=0.02 or arms[1].per-task.learning-rate=[1e-3,2e-3] (repeatable)")
  java.util.List<String> sets = new java.util.ArrayList<>();

  @Option(names = "--wait", description = "follow the experiment live until it ends, then print its report")
  boolean wait;

  @Option(names = "--detach", description = "return as soon as the daemon accepted the scenario (the default)")
  boolean detach;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (wait && detach) throw new CliException(ExitCodes.USAGE, "--wait and --detach exclude each other");
    DaemonClient daemon = client.client();
    String text;
    String name;
    if (from != null) {
      if (file != null) throw new CliException(ExitCodes.USAGE, "give a scenario file or --from ID, not both");
      ExperimentIds.require(from);
      text = Scenarios.fork(DaemonClient.check(daemon.get("/api/experiments/" + from + "/scenario")).body(), from, sets);
      name = from + "-fork.conf";
    } else {
      if (file == null) throw new CliException(ExitCodes.USAGE, "give a scenario file, or --from ID to fork an experiment");
      if (!sets.isEmpty()) throw new CliException(ExitCodes.USAGE, "--set changes a forked scenario: use it with --from ID");
      text = Scenarios.read(file).text();
      name = file.getFileName().toString();
    }
    JsonNode submitted = DaemonClient.check(daemon.postScenario(text, name)).json();
    String id = submitted.path("id").asText();
    if (ExperimentIds.isSearch(id)) {
      if (!json || !wait) parent.out.println(json ? submitted.toString() : "submitted search " + id + " (`pathlab watch " + id + "` follows it)");
      if (!wait) return ExitCodes.OK;
      parent.out.flush();
      int code = SearchView.follow(daemon, id, parent, false, 2);
      parent.out.println(DaemonClient.check(daemon.get(SearchView.path(id) + "/report?format=" + (json ? "json" : "md"))).body());
      return code;
    }
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
