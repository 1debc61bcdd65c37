package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.RunState;
import org.pathlab.experiment.RunStatus;
import org.pathlab.path.Step;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.RunSpec;

/** Folds an experiment's state (itself a fold of its events) into its report. */
public final class ReportBuilder {

  private ReportBuilder() {}

  public static Report build(ExperimentState state) {
    if (state.plan() == null) {
      throw new IllegalArgumentException("experiment " + state.experimentId() + " has no events");
    }
    List<Report.ArmSummary> arms = new ArrayList<>();
    Double baselineMean = null;
    for (Arm arm : state.plan().arms()) {
      if (arm.baseline()) baselineMean = summarize(state, arm, null).meanLoss();
    }
    for (Arm arm : state.plan().arms()) {
      arms.add(summarize(state, arm, baselineMean));
    }
    return new Report(
        state.experimentId(),
        state.plan().scenarioName(),
        state.plan().dataset().name(),
        state.plan().model(),
        state.status().name().toLowerCase(),
        state.tasksCompleted(),
        state.plan().totalTasks(),
        arms);
  }

  private static Report.ArmSummary summarize(ExperimentState state, Arm arm, Double baselineMean) {
    List<Report.SeedResult> seeds = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<Double> accuracies = new ArrayList<>();
    for (RunSpec spec : state.plan().runs()) {
      if (!spec.arm().equals(arm.name())) continue;
      RunState run = state.run(spec.id());
      TaskCompleted last = run.last();
      int epochs = run.completed().stream().mapToInt(t -> t.metrics().epochsRun()).sum();
      Double loss = null;
      Double accuracy = null;
      if (run.status() == RunStatus.FINISHED && last != null) {
        loss = last.metrics().targetTestLoss();
        accuracy = last.metrics().targetTestAccuracy();
        losses.add(loss);
        accuracies.add(accuracy);
      }
      seeds.add(new Report.SeedResult(spec.seed(), spec.id(), run.status().name().toLowerCase(),
          run.completed().size(), loss, accuracy, epochs, run.reason()));
    }
    Double mean = Statistics.mean(losses);
    Double gap = mean == null || baselineMean == null ? null : mean - baselineMean;
    return new Report.ArmSummary(arm.name(), arm.baseline(), describe(arm), seeds, losses.size(), mean,
        Statistics.sd(losses), Statistics.mean(accuracies), Statistics.sd(accuracies), gap);
  }

  private static String describe(Arm arm) {
    List<String> parts = new ArrayList<>();
    for (Step step : arm.path().steps()) {
      parts.add((step.process().biasReset() ? "BR, " : "") + step.task().label()
          + String.format(java.util.Locale.ROOT, " @ lr %s", java.math.BigDecimal.valueOf(step.process().learningRate()).stripTrailingZeros().toPlainString()));
    }
    return String.join(" → ", parts);
  }
}
