package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "devices", description = "List the daemon's devices and what each is training now.")
final class DevicesCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Override
  public Integer call() {
    JsonNode devices = DaemonClient.check(client.client().get("/api/devices")).json();
    if (json) {
      parent.out.println(devices.toString());
      return ExitCodes.OK;
    }
    parent.out.printf("%-8s %-6s %-7s %s%n", "DEVICE", "KIND", "TRAINED", "NOW");
    long now = System.currentTimeMillis();
    for (JsonNode d : devices) {
      JsonNode t = d.path("training");
      String doing = t.isNull() || t.isMissingNode() ? "idle"
          : String.format("experiment %s run %s task %d (for %s)", t.path("experimentId").asText(), t.path("runId").asText(),
              t.path("taskIndex").asInt() + 1, ProgressView.duration(now - t.path("sinceMillis").asLong()));
      parent.out.printf("%-8s %-6s %-7d %s%n", d.path("name").asText(), d.path("kind").asText(), d.path("tasksTrained").asLong(), doing);
    }
    return ExitCodes.OK;
  }
}
