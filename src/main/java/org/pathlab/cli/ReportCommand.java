package org.pathlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "report", description = "Print an experiment's baseline-gap report, rebuilt from the journal.")
final class ReportCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", description = "the experiment id")
  String id;

  @Option(names = "--format", defaultValue = "md", description = "md, json, csv, svg (final losses) or curves (learning curves) (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--json", description = "same as --format json")
  boolean json;

  @Override
  public Integer call() {
    String f = json ? "json" : format;
    if (!java.util.List.of("md", "json", "csv", "svg", "curves").contains(f)) {
      throw new CliException(ExitCodes.USAGE, "unknown format '" + f + "'; use md, json, csv, svg or curves");
    }
    parent.out.println(DaemonClient.check(client.client().get("/api/experiments/" + id + "/report?format=" + f)).body());
    return ExitCodes.OK;
  }
}
