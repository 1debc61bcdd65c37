package org.pathlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "archive", description = {"Hide an ended experiment from `status` and the dashboard's list; its journal, reports"
    + " and checkpoints are kept, `report ID` still answers, and `restore ID` shows it again."})
class ArchiveCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", description = "the experiment id")
  String id;

  @Override
  public Integer call() {
    ExperimentIds.require(id);
    boolean archive = getClass() == ArchiveCommand.class;
    DaemonClient.check(client.client().post("/api/experiments/" + id + (archive ? "/archive" : "/restore")));
    parent.out.println(archive ? "archived " + id + "; `pathlab status --archived` lists it, `pathlab restore " + id + "` shows it again"
        : "restored " + id);
    return ExitCodes.OK;
  }

  @Command(name = "restore", description = "Show an archived experiment in `status` and the dashboard's list again.")
  static final class Restore extends ArchiveCommand {}
}
