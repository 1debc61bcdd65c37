package org.pathlab.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.RunState;
import org.pathlab.experiment.RunStatus;
import org.pathlab.model.Models;
import org.pathlab.path.LearningPath;
import org.pathlab.path.Step;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.RunSpec;
import org.pathlab.transform.Transforms;

/** Folds an experiment's state (itself a fold of its events) into its report. */
public final class ReportBuilder {

  /** The significance level of the verdicts. */
  static final double ALPHA = 0.05;

  private ReportBuilder() {}

  public static Report build(ExperimentState state) {
    if (state.plan() == null) {
      throw new IllegalArgumentException("experiment " + state.experimentId() + " has no events");
    }
    List<Arm> arms = state.plan().arms();
    List<Double> baseline = List.of();
    for (Arm arm : arms) {
      if (arm.baseline()) baseline = losses(state, arm);
    }
    List<Report.ArmSummary> summaries = new ArrayList<>();
    for (int i = 0; i < arms.size(); i++) {
      summaries.add(summarize(state, arms.get(i), i, baseline));
    }
    return new Report(
        state.experimentId(),
        state.plan().scenarioName(),
        state.plan().dataset().name(),
        state.plan().model(),
        state.status().name().toLowerCase(),
        state.tasksCompleted(),
        state.plan().totalTasks(),
        List.copyOf(Models.reluStages(state.plan().model()).values()),
        summaries,
        (int) state.runs().stream().flatMap(r -> r.completed().stream()).filter(TaskCompleted::reused).count(),
        state.plan().transforms().blurFilter().id(),
        state.plan().transforms().shiftMax());
  }

  /** Final target test losses of the arm's finished runs, in plan order. */
  private static List<Double> losses(ExperimentState state, Arm arm) {
    List<Double> losses = new ArrayList<>();
    for (RunSpec spec : state.plan().runsOf(arm.name())) {
      RunState run = state.run(spec.id());
      if (run.status() == RunStatus.FINISHED) losses.add(run.last().metrics().targetTestLoss());
    }
    return losses;
  }

  private static Report.ArmSummary summarize(ExperimentState state, Arm arm, int index, List<Double> baseline) {
    List<Report.SeedResult> seeds = new ArrayList<>();
    List<Double> accuracies = new ArrayList<>();
    List<List<Integer>> bestEpochs = new ArrayList<>();
    List<TaskCompleted> lastTasks = new ArrayList<>();
    List<RunState> finishedRuns = new ArrayList<>();
    for (RunSpec spec : state.plan().runsOf(arm.name())) {
      RunState run = state.run(spec.id());
      TaskCompleted last = run.last();
      int epochs = run.completed().stream().mapToInt(t -> t.metrics().epochsRun()).sum();
      List<Integer> best = run.completed().stream().map(t -> t.metrics().bestEpoch()).toList();
      Double loss = null;
      Double accuracy = null;
      if (run.status() == RunStatus.FINISHED) {
        loss = last.metrics().targetTestLoss();
        accuracy = last.metrics().targetTestAccuracy();
        accuracies.add(accuracy);
        bestEpochs.add(best);
        lastTasks.add(last);
        finishedRuns.add(run);
      }
      seeds.add(new Report.SeedResult(spec.seed(), spec.id(), run.status().name().toLowerCase(),
          run.completed().size(), loss, accuracy, epochs, best, run.reason()));
    }
    List<Double> losses = losses(state, arm);
    Double mean = Statistics.mean(losses);
    Double baselineMean = Statistics.mean(baseline);
    boolean compared = !arm.baseline();
    Double gap = compared && mean != null && baselineMean != null ? mean - baselineMean : null;
    // Fixed bootstrap seeds per arm: a report rebuilt from the same events is byte-identical.
    Statistics.Interval gapCi = compared ? Statistics.differenceInterval(losses, baseline, 1_000L + index) : null;
    Double welch = compared ? Statistics.welchP(losses, baseline) : null;
    Double mannWhitney = compared ? Statistics.mannWhitneyP(losses, baseline) : null;
    return new Report.ArmSummary(arm.name(), arm.baseline(), describe(arm), seeds, losses.size(), mean,
        Statistics.sd(losses), Statistics.median(losses), Statistics.meanInterval(losses, index),
        Statistics.mean(accuracies), Statistics.sd(accuracies), gap, gapCi, welch, mannWhitney,
        verdict(arm, losses.size(), baseline.size(), gap, welch), meanBestEpochs(bestEpochs, arm.path().size()),
        Statistics.mean(lastTasks.stream().map(t -> t.metrics().weightNorm()).toList()),
        Statistics.mean(lastTasks.stream().map(t -> t.metrics().biasNorm()).toList()),
        meanDeadRelu(lastTasks), meanValidationCurves(finishedRuns, arm.path().size()),
        arm.baseline() ? null : shape(arm.path()));
  }

  /** The 2-D shape of a path whose tasks vary exactly two transforms; null for any other path. */
  static Report.PathShape shape(LearningPath path) {
    List<String> used = new ArrayList<>();
    for (String t : Transforms.NAMES) {
      for (Step step : path.steps()) {
        if (step.task().level(t) != 0 && !used.contains(t)) used.add(t);
      }
    }
    if (used.size() != 2) return null;
    String a = used.get(0);
    String b = used.get(1);
    List<List<Double>> levels = new ArrayList<>();
    for (Step step : path.steps()) levels.add(List.of(step.task().level(a), step.task().level(b)));
    String order = Report.PathShape.DIAGONAL;
    for (int i = 1; i < levels.size(); i++) {
      boolean aMoves = !levels.get(i).get(0).equals(levels.get(i - 1).get(0));
      boolean bMoves = !levels.get(i).get(1).equals(levels.get(i - 1).get(1));
      if (aMoves != bMoves) {
        order = aMoves ? a + " then " + b : b + " then " + a;
        break;
      }
    }
    // a-then-b and b-then-a paths of N steps have 2N − 1 tasks; diagonal ones N
    int steps = order.equals(Report.PathShape.DIAGONAL) || levels.size() % 2 == 0 ? levels.size() : (levels.size() + 1) / 2;
    return new Report.PathShape(a, b, order, steps, levels);
  }

  static String verdict(Arm arm, int n, int baselineN, Double gap, Double welchP) {
    if (arm.baseline()) return "baseline";
    if (n < 2 || baselineN < 2) {
      return String.format(Locale.ROOT, "too few finished seeds to test (%d here, %d in the baseline; need 2 each)", n, baselineN);
    }
    String p = String.format(Locale.ROOT, "Welch p = %.3g", welchP);
    String caution = Math.min(n, baselineN) < 5 ? String.format(Locale.ROOT, "; small samples (%d vs %d seeds)", n, baselineN) : "";
    if (welchP < ALPHA) {
      return (gap > 0 ? "worse than the baseline" : "better than the baseline") + " (" + p + caution + ")";
    }
    return "no significant difference from the baseline (" + p + caution + ")";
  }

  /** Per task, the validation loss of each epoch averaged over the finished seeds that ran it. */
  private static List<List<Double>> meanValidationCurves(List<RunState> runs, int tasks) {
    List<List<Double>> curves = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      List<Double> curve = new ArrayList<>();
      for (int epoch = 0; ; epoch++) {
        List<Double> values = new ArrayList<>();
        for (RunState run : runs) {
          var epochs = run.completed().get(t).metrics().epochs();
          if (epoch < epochs.size()) values.add(epochs.get(epoch).validationLoss());
        }
        if (values.isEmpty()) break;
        curve.add(Statistics.mean(values));
      }
      curves.add(curve);
    }
    return curves;
  }

  /** Per ReLU stage, the mean share of dead units after the last task (empty for old journals). */
  private static List<Double> meanDeadRelu(List<TaskCompleted> lastTasks) {
    List<Double> means = new ArrayList<>();
    int stages = lastTasks.stream().mapToInt(t -> t.metrics().deadReluFractions().size()).min().orElse(0);
    for (int k = 0; k < stages; k++) {
      final int stage = k;
      means.add(Statistics.mean(lastTasks.stream().map(t -> t.metrics().deadReluFractions().get(stage)).toList()));
    }
    return means;
  }

  private static List<Double> meanBestEpochs(List<List<Integer>> perSeed, int tasks) {
    List<Double> means = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      List<Double> values = new ArrayList<>();
      for (List<Integer> seed : perSeed) {
        if (t < seed.size()) values.add(seed.get(t).doubleValue());
      }
      means.add(Statistics.mean(values));
    }
    return means;
  }

  static String describe(Arm arm) {
    List<String> parts = new ArrayList<>();
    for (Step step : arm.path().steps()) {
      parts.add((step.process().biasReset() ? "BR, " : "") + step.task().label()
          + " @ lr " + BigDecimal.valueOf(step.process().learningRate()).stripTrailingZeros().toPlainString());
    }
    return String.join(" → ", parts);
  }
}
