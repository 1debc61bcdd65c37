package org.pathlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", description = "Check a scenario and show its plan without running anything (no daemon needed).")
final class ValidateCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;

  @Parameters(paramLabel = "FILE", description = "the scenario file (HOCON)")
  Path file;

  @Override
  public Integer call() {
    Plan plan = Plan.of(Scenarios.read(file).scenario());
    var out = parent.out;
    out.printf("%s: valid — %s on %s, %d arms × %d seeds = %d runs, %d tasks%n", file, plan.model(),
        plan.dataset().name(), plan.arms().size(), plan.runs().size() / plan.arms().size(), plan.runs().size(),
        plan.totalTasks());
    for (Arm arm : plan.arms()) {
      out.printf("  %-24s %s%n", arm.name() + (arm.baseline() ? " (baseline)" : ""), Scenarios.describe(arm));
    }
    return ExitCodes.OK;
  }
}
