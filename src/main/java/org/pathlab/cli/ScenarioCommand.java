package org.pathlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "scenario", description = "Print the scenario an experiment was submitted with, as it was sent.")
final class ScenarioCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", description = "the experiment id")
  String id;

  @Override
  public Integer call() {
    ExperimentIds.require(id);
    parent.out.print(DaemonClient.check(client.client().get("/api/experiments/" + id + "/scenario")).body());
    parent.out.flush();
    return ExitCodes.OK;
  }
}
