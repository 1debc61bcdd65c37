package org.pathlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathlab.data.Datasets;
import org.pathlab.path.Step;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.PlanCost;
import org.pathlab.scenario.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate",
    description = "Check a scenario and print its expanded plan and cost without running anything (no daemon needed).")
final class ValidateCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;

  @Parameters(paramLabel = "FILE", description = "the scenario file (HOCON)")
  Path file;

  @Override
  public Integer call() {
    Plan plan = Plan.of(Scenarios.read(file).scenario());
    PlanCost cost = PlanCost.of(plan, Datasets.info(plan.dataset().name()).trainCount());
    var out = parent.out;
    out.printf("%s: valid — %s on %s, %d arms, %d runs, %d tasks%n", file, plan.model(), plan.dataset().name(),
        plan.arms().size(), plan.runs().size(), plan.totalTasks());
    // pathlab's assumptions where the paper states none (docs/scenarios.md): shown so they are chosen knowingly
    out.printf("transforms: blur shrinks with the %s filter; shift up to ±%d pixels per axis at level 1%n",
        plan.transforms().blurFilter().id(), plan.transforms().shiftMax());
    for (Arm arm : plan.arms()) {
      var runs = plan.runsOf(arm.name());
      out.printf("%n  %s%s — %d tasks × seeds %s%n", arm.name(), arm.baseline() ? " (baseline)" : "", arm.path().size(),
          runs.stream().map(RunSpec::seed).toList());
      for (int i = 0; i < arm.path().size(); i++) {
        Step s = arm.path().step(i);
        out.printf("    %2d. %-28s %s%n", i + 1, s.task().label(), s.process().label());
      }
    }
    out.printf(Locale.ROOT, "%ncost: %d task trainings; at most %,d image-epochs (%,d training images × max epochs, summed over tasks)%n",
        cost.taskTrainings(), cost.maxImageEpochs(), cost.trainImages());
    return ExitCodes.OK;
  }
}
