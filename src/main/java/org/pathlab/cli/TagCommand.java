package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "tag", description = {"Add tags to an experiment (+TAG) and remove others (-TAG), recorded in its journal.",
    "Example: pathlab tag 20261130-101500-a1b2 +lr-sweep -draft"})
final class TagCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "ID", description = "the experiment id")
  String id;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "+TAG|-TAG",
      description = "+TAG adds TAG, -TAG removes it (a tag: 1 to 40 letters, digits, '.', '_' or '-')")
  List<String> changes;

  @Override
  public Integer call() {
    ExperimentIds.require(id);
    List<String> add = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    for (String change : changes) {
      if (change.length() > 1 && change.charAt(0) == '+') add.add(change.substring(1));
      else if (change.length() > 1 && change.charAt(0) == '-') remove.add(change.substring(1));
      else throw new CliException(ExitCodes.USAGE, "'" + change + "' neither adds nor removes a tag; write +" + change
          + " to add it or -" + change + " to remove it");
    }
    JsonNode after = DaemonClient.check(client.client().postJson("/api/experiments/" + id + "/tags",
        Map.of("add", add, "remove", remove))).json();
    List<String> tags = new ArrayList<>();
    after.path("tags").forEach(t -> tags.add(t.asText()));
    parent.out.println("tags of " + id + ": " + (tags.isEmpty() ? "(none)" : String.join(" ", tags)));
    return ExitCodes.OK;
  }
}
