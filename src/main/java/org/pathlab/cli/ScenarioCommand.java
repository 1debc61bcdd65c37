package org.pathlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "scenario", description = "Print the scenario an experiment was submitted with, as it was sent; with --winner, a search's winner as a scenario.")
final class ScenarioCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", description = "the experiment id")
  String id;

  @picocli.CommandLine.Option(names = "--winner", description = "for a search: its winner as an ordinary scenario (the baseline, the "
      + "references and the winner on the confirmation's seeds), for `pathlab submit`")
  boolean winner;

  @Override
  public Integer call() {
    ExperimentIds.require(id);
    if (winner != ExperimentIds.isSearch(id)) {
      throw new CliException(ExitCodes.USAGE, winner ? "--winner takes a search id (search-…)" : "a search's scenario: use --winner");
    }
    String path = winner ? SearchView.path(id) + "/winner" : "/api/experiments/" + id + "/scenario";
    parent.out.print(DaemonClient.check(client.client().get(path)).body());
    parent.out.flush();
    return ExitCodes.OK;
  }
}
