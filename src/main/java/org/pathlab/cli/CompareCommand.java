package org.pathlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "compare", description = "Compare two experiments arm by arm (arms of the same name and tasks): "
    + "gap of SECOND minus FIRST in final test loss, paired by seed where both ran the same seeds from the same initial weights, "
    + "else Welch's; Holm-adjusted p, Welch's p beside it, Hedges' g, the accuracy difference.")
final class CompareCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "FIRST", description = "the experiment compared against")
  String first;

  @Parameters(index = "1", paramLabel = "SECOND", description = "the experiment whose arms are compared")
  String second;

  @Option(names = "--json", description = "print JSON instead of Markdown")
  boolean json;

  @Option(names = "--margin", paramLabel = "LOSS", description = "also test each arm's equivalence within ±LOSS in final test loss "
      + "(two one-sided t-tests, paired where the comparison is, Holm-adjusted), e.g. --margin 0.005")
  Double margin;

  @Override
  public Integer call() {
    ExperimentIds.require(first);
    ExperimentIds.require(second);
    if (margin != null && !(margin > 0 && Double.isFinite(margin))) {
      throw new CliException(ExitCodes.USAGE, "--margin " + margin + ": use a positive number, a difference in final test loss (e.g. 0.005)");
    }
    parent.out.println(DaemonClient.check(client.client().get("/api/compare?a=" + first + "&b=" + second + "&format="
        + (json ? "json" : "md") + (margin == null ? "" : "&margin=" + margin))).body());
    return ExitCodes.OK;
  }
}
