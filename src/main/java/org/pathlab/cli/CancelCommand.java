package org.pathlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "cancel", description = "Cancel an experiment (its runs stop within one epoch and are not resumed) or a search (and its experiments in flight).")
final class CancelCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", description = "the experiment or search id")
  String id;

  @Override
  public Integer call() {
    ExperimentIds.require(id);
    DaemonClient.check(client.client().post((ExperimentIds.isSearch(id) ? "/api/searches/" : "/api/experiments/") + id + "/cancel"));
    parent.out.println("cancelled " + id);
    return ExitCodes.OK;
  }
}
