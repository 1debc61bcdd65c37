package org.pathlab.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.RunState;
import org.pathlab.experiment.RunStatus;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.Metric;
import org.pathlab.scenario.RunSpec;
import org.pathlab.metrics.TaskMetrics;

/** Folds an experiment's state (itself a fold of its events) into its report. */
public final class ReportBuilder {

  /** The significance level of the verdicts (applied to Holm-adjusted p-values). */
  static final double ALPHA = Verdicts.ALPHA;

  /** What each statistic in a report is, for readers of report.json (the Markdown says it in prose). */
  static final Map<String, String> NOTES = ReportNotes.NOTES;

  private ReportBuilder() {}

  /** What the builder reads from one arm's runs before the arms are compared. */
  private record ArmData(Arm arm, int index, List<Report.SeedResult> seeds, List<Double> losses, List<Double> accuracies,
      List<List<Integer>> bestEpochs, List<TaskCompleted> lastTasks, List<RunState> finishedRuns, Report.Training training) {}

  /** The report, with the detectable gaps' sd from this experiment's baseline alone (or assumed). */
  public static Report build(ExperimentState state) {
    return build(state, null);
  }

  /**
   * The report; {@code history}: the sd of earlier finished runs of this baseline's prefix in the
   * journal, used for the detectable gaps until this experiment's baseline has its own (null: none).
   */
  public static Report build(ExperimentState state, Report.PowerBasis history) {
    if (state.plan() == null) {
      throw new IllegalArgumentException("experiment " + state.experimentId() + " has no events");
    }
    List<Arm> arms = state.plan().arms();
    Metric metric = state.plan().primaryMetric();
    List<ArmData> data = new ArrayList<>();
    ArmData baseline = null;
    for (int i = 0; i < arms.size(); i++) {
      ArmData d = collect(state, arms.get(i), i);
      data.add(d);
      if (d.arm().baseline()) baseline = d;
    }
    List<Double> baselineLosses = baseline == null ? List.of() : baseline.losses();
    List<Report.SeedResult> baselineSeeds = baseline == null ? List.of() : baseline.seeds();
    // Holm over the arms that have a test, per kind of reference and metric: the verdicts use the adjusted p-values.
    List<Double> welchPs = new ArrayList<>();
    List<Contrast> lossVsBaseline = new ArrayList<>();
    List<Contrast> accuracyVsBaseline = new ArrayList<>();
    List<Contrast> lossVsControl = new ArrayList<>();
    List<Contrast> accuracyVsControl = new ArrayList<>();
    for (ArmData d : data) {
      boolean compared = !d.arm().baseline();
      welchPs.add(compared ? Statistics.welchP(d.losses(), baselineLosses) : null);
      lossVsBaseline.add(compared ? Contrast.of("baseline", Metric.TEST_LOSS, d.seeds(), baselineSeeds) : null);
      accuracyVsBaseline.add(compared ? Contrast.of("baseline", Metric.TEST_ACCURACY, d.seeds(), baselineSeeds) : null);
      ArmData control = control(d, data);
      lossVsControl.add(control == null ? null : Contrast.of(control.arm().name(), Metric.TEST_LOSS, d.seeds(), control.seeds()));
      accuracyVsControl.add(control == null ? null
          : Contrast.of(control.arm().name(), Metric.TEST_ACCURACY, d.seeds(), control.seeds()));
    }
    List<Double> holm = Statistics.holm(welchPs);
    lossVsBaseline = Contrast.holm(lossVsBaseline);
    accuracyVsBaseline = Contrast.holm(accuracyVsBaseline);
    lossVsControl = Contrast.holm(lossVsControl);
    accuracyVsControl = Contrast.holm(accuracyVsControl);
    List<Contrast> primary = metric == Metric.TEST_LOSS ? lossVsBaseline : accuracyVsBaseline;
    List<Contrast> primaryControl = metric == Metric.TEST_LOSS ? lossVsControl : accuracyVsControl;
    int comparisons = (int) primary.stream().filter(c -> c != null && c.p() != null).count();
    int controlComparisons = (int) primaryControl.stream().filter(c -> c != null && c.p() != null).count();
    Report.PowerBasis power = powerBasis(baselineLosses, state.plan().detectableGap(), history);
    List<Report.ArmSummary> summaries = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      ArmData d = data.get(i);
      ArmData control = control(d, data);
      Report.Contrasts vsBaseline = d.arm().baseline() ? null : new Report.Contrasts(lossVsBaseline.get(i), accuracyVsBaseline.get(i));
      Report.Contrasts vsControl = control == null ? null : new Report.Contrasts(lossVsControl.get(i), accuracyVsControl.get(i));
      String controlVerdict = control == null ? null : verdict(metric, vsControl, d, control, controlComparisons, null, null,
          "its control (arm " + control.arm().name() + ")");
      summaries.add(summarize(d, baseline, welchPs.get(i), holm.get(i), comparisons, power, metric, vsBaseline, vsControl,
          controlVerdict));
    }
    return new Report(
        state.experimentId(),
        state.plan().scenarioName(),
        state.plan().dataset().describe(),
        state.plan().torchscript() != null ? state.plan().modelDescription() : state.plan().model(),
        state.status().name().toLowerCase(),
        state.tasksCompleted(),
        state.plan().totalTasks(),
        reluStages(state),
        summaries,
        (int) state.runs().stream().flatMap(r -> r.completed().stream()).filter(TaskCompleted::reused).count(),
        state.plan().transforms().blurFilter().id(),
        state.plan().transforms().shiftMax(),
        comparisons,
        power,
        NOTES,
        state.plan().widths(),
        metric.id(),
        state.plan().precisionId());
  }

  /** The arm's control, where it names one that the plan has. */
  private static ArmData control(ArmData d, List<ArmData> data) {
    if (d.arm().control() == null) return null;
    return data.stream().filter(x -> x.arm().name().equals(d.arm().control())).findFirst().orElse(null);
  }

  /** The verdict on {@code metric} against {@code reference}, then whether the other metric agrees. */
  private static String verdict(Metric metric, Report.Contrasts contrasts, ArmData d, ArmData reference, int comparisons,
      Double detectable, Double threshold, String name) {
    Contrast primary = contrasts.of(metric);
    var outcome = new Verdicts.Outcome(metric, primary, d.training().capped(), reference == null ? 0 : reference.training().capped(),
        comparisons, detectable, threshold);
    String verdict = Verdicts.verdict(outcome, name);
    boolean tested = primary.n() >= 2 && primary.referenceN() >= 2 && !primary.undefined()
        && d.training().capped() == 0 && (reference == null || reference.training().capped() == 0);
    return tested ? verdict + "; " + Verdicts.agreement(metric, primary, contrasts.of(metric.other())) : verdict;
  }

  /**
   * The names of the ReLU stages whose dead-unit shares the tasks recorded, as their events name
   * them; journals written before the names travelled with the shares get "ReLU 1", "ReLU 2", ….
   */
  private static List<String> reluStages(ExperimentState state) {
    List<TaskMetrics> metrics = state.runs().stream().flatMap(r -> r.completed().stream()).map(TaskCompleted::metrics).toList();
    for (TaskMetrics m : metrics) {
      if (!m.reluStages().isEmpty()) return m.reluStages();
    }
    int stages = metrics.stream().mapToInt(m -> m.deadReluFractions().size()).max().orElse(0);
    List<String> names = new ArrayList<>();
    for (int k = 1; k <= stages; k++) names.add("ReLU " + k);
    return names;
  }

  /**
   * The sd behind the detectable gaps: the baseline's observed sd once two finished seeds give
   * one that is not 0 (a 0 would claim every gap detectable); before that the sd of earlier runs of
   * the same baseline prefix in the journal ({@code history}, null when there are none); else
   * {@link Power#ASSUMED_SD}.
   */
  static Report.PowerBasis powerBasis(List<Double> baselineLosses, Double threshold, Report.PowerBasis history) {
    Double sd = Statistics.sd(baselineLosses);
    if (sd != null && sd > 0) {
      return new Report.PowerBasis(Power.ALPHA, Power.POWER, sd, Report.PowerBasis.OBSERVED, threshold, baselineLosses.size(), null);
    }
    if (history != null) {
      return new Report.PowerBasis(Power.ALPHA, Power.POWER, history.sd(), Report.PowerBasis.HISTORY, threshold, history.sdRuns(),
          history.sdExperiment());
    }
    return new Report.PowerBasis(Power.ALPHA, Power.POWER, Power.ASSUMED_SD, Report.PowerBasis.ASSUMED, threshold, 0, null);
  }

  static Report.PowerBasis powerBasis(List<Double> baselineLosses, Double threshold) {
    return powerBasis(baselineLosses, threshold, null);
  }

  /** An arm's runs in plan order: per seed its result and convergence, and over the finished seeds what the statistics need. */
  private static ArmData collect(ExperimentState state, Arm arm, int index) {
    List<Report.SeedResult> seeds = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<Double> accuracies = new ArrayList<>();
    List<List<Integer>> bestEpochs = new ArrayList<>();
    List<TaskCompleted> lastTasks = new ArrayList<>();
    List<RunState> finishedRuns = new ArrayList<>();
    List<Double> epochsPerRun = new ArrayList<>();
    int capped = 0;
    for (RunSpec spec : state.plan().runsOf(arm.name())) {
      RunState run = state.run(spec.id());
      TaskCompleted last = run.last();
      int epochs = run.completed().stream().mapToInt(t -> t.metrics().epochsRun()).sum();
      List<Integer> best = run.completed().stream().map(t -> t.metrics().bestEpoch()).toList();
      List<Integer> cappedTasks = new ArrayList<>();
      for (TaskCompleted t : run.completed()) {
        LearningProcess process = spec.path().step(t.taskIndex()).process();
        if (t.metrics().stoppedByEpochCap(process.maxEpochs(), process.patience())) cappedTasks.add(t.taskIndex() + 1);
      }
      Double loss = null;
      Double accuracy = null;
      if (run.status() == RunStatus.FINISHED) {
        loss = last.metrics().targetTestLoss();
        accuracy = last.metrics().targetTestAccuracy();
        losses.add(loss);
        accuracies.add(accuracy);
        bestEpochs.add(best);
        lastTasks.add(last);
        finishedRuns.add(run);
        epochsPerRun.add((double) epochs);
        if (!cappedTasks.isEmpty()) capped++;
      }
      String initial = run.completed().stream().filter(t -> t.taskIndex() == 0).map(t -> t.metrics().initialParameters())
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
      seeds.add(new Report.SeedResult(spec.seed(), spec.id(), run.status().name().toLowerCase(),
          run.completed().size(), loss, accuracy, epochs, best, run.reason(), cappedTasks.isEmpty(), List.copyOf(cappedTasks),
          initial));
    }
    Report.Training training = new Report.Training(arm.path().size(), Statistics.mean(epochsPerRun), capped);
    return new ArmData(arm, index, seeds, losses, accuracies, bestEpochs, lastTasks, finishedRuns, training);
  }

  private static Report.ArmSummary summarize(ArmData d, ArmData baseline, Double welchP, Double holmP, int comparisons,
      Report.PowerBasis power, Metric metric, Report.Contrasts vsBaseline, Report.Contrasts vsControl, String controlVerdict) {
    Arm arm = d.arm();
    List<Double> losses = d.losses();
    List<Double> base = baseline == null ? List.of() : baseline.losses();
    boolean compared = !arm.baseline();
    Contrast loss = compared ? vsBaseline.loss() : null;
    Statistics.MannWhitney mannWhitney = compared ? Statistics.mannWhitney(losses, base) : null;
    Statistics.EffectSize g = compared ? Statistics.hedgesG(losses, base) : null;
    Double effect = compared ? Power.detectableEffect(losses.size(), base.size()) : null;
    Double detectable = effect == null ? null : effect * power.sd();
    String verdict = arm.baseline() ? "baseline"
        : verdict(metric, vsBaseline, d, baseline, comparisons, detectable, power.threshold(), "the baseline");
    return new Report.ArmSummary(arm.name(), arm.baseline(), describe(arm), d.seeds(), losses.size(), Statistics.mean(losses),
        Statistics.sd(losses), Statistics.median(losses), Statistics.meanInterval(losses),
        Statistics.mean(d.accuracies()), Statistics.sd(d.accuracies()), loss == null ? null : loss.difference(),
        loss == null ? null : loss.ci(), g, welchP, holmP,
        mannWhitney == null ? null : mannWhitney.p(), mannWhitney == null ? null : mannWhitney.method(), detectable,
        verdict, d.training(), meanBestEpochs(d.bestEpochs(), arm.path().size()),
        Statistics.mean(d.lastTasks().stream().map(t -> t.metrics().weightNorm()).toList()),
        Statistics.mean(d.lastTasks().stream().map(t -> t.metrics().biasNorm()).toList()),
        meanDeadRelu(d.lastTasks()), meanValidationCurves(d.finishedRuns(), arm.path().size()),
        arm.baseline() ? null : Report.PathShape.of(arm.path()), vsBaseline, arm.control(), vsControl, controlVerdict);
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
