package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch",
    description = "Follow an experiment live until it ends: a progress bar per run with epoch, losses and ETA.")
final class WatchCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", description = "the experiment id")
  String id;

  @Option(names = "--json", description = "print each update as one JSON line (the experiment's detail)")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    if (ExperimentIds.isSearch(ExperimentIds.require(id))) return SearchView.follow(client.client(), id, parent, json, 2);
    JsonNode last = follow(client.client(), ExperimentIds.require(id), parent, json, false);
    return exitCode(last);
  }

  /**
   * Follows the experiment's event stream until it ends, showing each update; returns its last detail.
   * Shared with {@code submit --wait}.
   */
  static JsonNode follow(DaemonClient daemon, String id, PathlabCommand parent, boolean json, boolean quiet) {
    DaemonClient.check(daemon.get("/api/experiments/" + id)); // 404 with its message before streaming
    ProgressView view = new ProgressView(parent.out, !json && ProgressView.isTerminal());
    JsonNode[] last = new JsonNode[1];
    daemon.events("/api/experiments/" + id + "/watch", event -> {
      switch (event.type()) {
        case "detail" -> {
          last[0] = DaemonClient.Response.parse(event.data());
          if (quiet) return true;
          if (json) {
            parent.out.println(Terminal.safe(event.data()));
            parent.out.flush();
          } else {
            view.show(last[0], System.currentTimeMillis());
          }
          return true;
        }
        case "error" -> throw new CliException(ExitCodes.NOT_FOUND, DaemonClient.Response.parse(event.data()).path("error").asText());
        case "end" -> {
          return false;
        }
        default -> {
          return true;
        }
      }
    });
    if (last[0] == null) throw new CliException(ExitCodes.DAEMON_ERROR, "the daemon ended the watch of " + id + " without any update");
    return last[0];
  }

  /** 0 when every run finished; 1 when some diverged, failed or were cancelled. */
  static int exitCode(JsonNode detail) {
    for (JsonNode run : detail.path("runs")) {
      if (!run.path("status").asText().equals("finished")) return ExitCodes.RUNS_FAILED;
    }
    return ExitCodes.OK;
  }
}
