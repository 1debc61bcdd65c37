package org.pathlab.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "note", description = {"Keep a note with an experiment, recorded in its journal; `status ID` shows its notes.",
    "Example: pathlab note 20261130-101500-a1b2 \"seed 4 diverged: lr too high?\""})
final class NoteCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "ID", description = "the experiment id")
  String id;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "the note (several words are joined by spaces)")
  List<String> words;

  @Override
  public Integer call() {
    ExperimentIds.require(id);
    var after = DaemonClient.check(client.client().postJson("/api/experiments/" + id + "/notes",
        Map.of("text", String.join(" ", words)))).json();
    parent.out.println("noted; experiment " + id + " has " + after.path("notes").size() + " note(s)");
    return ExitCodes.OK;
  }
}
