package org.pathlab.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.RunState;
import org.pathlab.experiment.RunStatus;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.RunSpec;
import org.pathlab.train.TaskMetrics;

/** Folds an experiment's state (itself a fold of its events) into its report. */
public final class ReportBuilder {

  /** The significance level of the verdicts (applied to Holm-adjusted p-values). */
  static final double ALPHA = Power.ALPHA;

  /** What each statistic in a report is, for readers of report.json (the Markdown says it in prose). */
  static final Map<String, String> NOTES = notes();

  private ReportBuilder() {}

  /** What the builder reads from one arm's runs before the arms are compared. */
  private record ArmData(Arm arm, int index, List<Report.SeedResult> seeds, List<Double> losses, List<Double> accuracies,
      List<List<Integer>> bestEpochs, List<TaskCompleted> lastTasks, List<RunState> finishedRuns, Report.Training training) {}

  public static Report build(ExperimentState state) {
    if (state.plan() == null) {
      throw new IllegalArgumentException("experiment " + state.experimentId() + " has no events");
    }
    List<Arm> arms = state.plan().arms();
    List<ArmData> data = new ArrayList<>();
    ArmData baseline = null;
    for (int i = 0; i < arms.size(); i++) {
      ArmData d = collect(state, arms.get(i), i);
      data.add(d);
      if (d.arm().baseline()) baseline = d;
    }
    List<Double> baselineLosses = baseline == null ? List.of() : baseline.losses();
    // Holm over the arms that have a Welch test: the verdicts use the adjusted p-values.
    List<Double> welchPs = new ArrayList<>();
    for (ArmData d : data) welchPs.add(d.arm().baseline() ? null : Statistics.welchP(d.losses(), baselineLosses));
    List<Double> holm = Statistics.holm(welchPs);
    int comparisons = (int) welchPs.stream().filter(p -> p != null).count();
    Report.PowerBasis power = powerBasis(baselineLosses, state.plan().detectableGap());
    List<Report.ArmSummary> summaries = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      summaries.add(summarize(data.get(i), baseline, welchPs.get(i), holm.get(i), comparisons, power));
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
        state.plan().widths());
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
   * one that is not 0 (a 0 would claim every gap detectable), else {@link Power#ASSUMED_SD}.
   */
  static Report.PowerBasis powerBasis(List<Double> baselineLosses, Double threshold) {
    Double sd = Statistics.sd(baselineLosses);
    boolean observed = sd != null && sd > 0;
    return new Report.PowerBasis(Power.ALPHA, Power.POWER, observed ? sd : Power.ASSUMED_SD,
        observed ? Report.PowerBasis.OBSERVED : Report.PowerBasis.ASSUMED, threshold);
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
      seeds.add(new Report.SeedResult(spec.seed(), spec.id(), run.status().name().toLowerCase(),
          run.completed().size(), loss, accuracy, epochs, best, run.reason(), cappedTasks.isEmpty(), List.copyOf(cappedTasks)));
    }
    Report.Training training = new Report.Training(arm.path().size(), Statistics.mean(epochsPerRun), capped);
    return new ArmData(arm, index, seeds, losses, accuracies, bestEpochs, lastTasks, finishedRuns, training);
  }

  private static Report.ArmSummary summarize(ArmData d, ArmData baseline, Double welchP, Double holmP, int comparisons,
      Report.PowerBasis power) {
    Arm arm = d.arm();
    List<Double> losses = d.losses();
    List<Double> base = baseline == null ? List.of() : baseline.losses();
    boolean compared = !arm.baseline();
    Double mean = Statistics.mean(losses);
    Double baselineMean = Statistics.mean(base);
    Double gap = compared && mean != null && baselineMean != null ? mean - baselineMean : null;
    // Fixed bootstrap seeds per arm (used from 10 seeds on): a report rebuilt from the same events is byte-identical.
    Statistics.Interval gapCi = compared ? Statistics.differenceInterval(losses, base, 1_000L + d.index()) : null;
    Statistics.MannWhitney mannWhitney = compared ? Statistics.mannWhitney(losses, base) : null;
    Statistics.EffectSize g = compared ? Statistics.hedgesG(losses, base) : null;
    Double effect = compared ? Power.detectableEffect(losses.size(), base.size()) : null;
    Double detectable = effect == null ? null : effect * power.sd();
    Outcome outcome = new Outcome(losses.size(), base.size(), d.training().capped(),
        baseline == null ? 0 : baseline.training().capped(), Statistics.noSpread(losses, base), gap, welchP, holmP,
        comparisons, detectable, power.threshold());
    return new Report.ArmSummary(arm.name(), arm.baseline(), describe(arm), d.seeds(), losses.size(), mean,
        Statistics.sd(losses), Statistics.median(losses), Statistics.meanInterval(losses, d.index()),
        Statistics.mean(d.accuracies()), Statistics.sd(d.accuracies()), gap, gapCi, g, welchP, holmP,
        mannWhitney == null ? null : mannWhitney.p(), mannWhitney == null ? null : mannWhitney.method(), detectable,
        arm.baseline() ? "baseline" : verdict(outcome), d.training(), meanBestEpochs(d.bestEpochs(), arm.path().size()),
        Statistics.mean(d.lastTasks().stream().map(t -> t.metrics().weightNorm()).toList()),
        Statistics.mean(d.lastTasks().stream().map(t -> t.metrics().biasNorm()).toList()),
        meanDeadRelu(d.lastTasks()), meanValidationCurves(d.finishedRuns(), arm.path().size()),
        arm.baseline() ? null : Report.PathShape.of(arm.path()));
  }

  /**
   * What a verdict rests on: finished seeds here and in the baseline, how many of those runs the
   * epoch cap stopped, whether neither sample varies, the gap, Welch's p raw and Holm-adjusted
   * over {@code comparisons} arms, and the detectable gap against the scenario's threshold.
   */
  record Outcome(int n, int baselineN, int capped, int baselineCapped, boolean noSpread, Double gap, Double welchP,
      Double holmP, int comparisons, Double detectable, Double threshold) {}

  /**
   * The plain verdict of an arm against the baseline. A run whose task the epoch cap stopped says
   * something about the budget, not the path, so any such run on either side makes the verdict
   * "inconclusive: training budget" whatever the test says; then come the cases with no test; then
   * Welch's test with Holm's adjustment at 0.05.
   */
  static String verdict(Outcome o) {
    return verdict(o, "the baseline");
  }

  /** The verdict against {@code reference} ("the baseline", "arm X", "experiment Y"). */
  static String verdict(Outcome o, String reference) {
    if (o.n() < 2 || o.baselineN() < 2) {
      return String.format(Locale.ROOT, "too few finished seeds to test (%d here, %d in " + reference + "; need 2 each)",
          o.n(), o.baselineN());
    }
    if (o.capped() > 0 || o.baselineCapped() > 0) {
      return String.format(Locale.ROOT, "inconclusive: training budget (%d of %d runs here and %d of %d in " + reference + " "
          + "had a task stopped by max-epochs while its validation loss still improved; raise max-epochs)",
          o.capped(), o.n(), o.baselineCapped(), o.baselineN());
    }
    if (o.noSpread()) {
      return "undefined: every seed gave the same loss in this arm and in " + reference + ", so Welch's test has no variance to "
          + "judge the gap by";
    }
    String p = String.format(Locale.ROOT, "Welch p = %.3g, Holm-adjusted over %d %s: %.3g", o.welchP(), o.comparisons(),
        o.comparisons() == 1 ? "arm" : "arms", o.holmP());
    String caution = Math.min(o.n(), o.baselineN()) < 5
        ? String.format(Locale.ROOT, "; small samples (%d vs %d seeds)", o.n(), o.baselineN()) : "";
    if (o.holmP() < ALPHA) {
      return (o.gap() > 0 ? "worse than " + reference : "better than " + reference) + " (" + p + caution + ")";
    }
    String power = o.threshold() != null && o.detectable() != null && o.detectable() > o.threshold()
        ? String.format(Locale.ROOT, "; these seeds detect only gaps ≥ %.3g, not the scenario's detectable-gap %.3g",
            o.detectable(), o.threshold())
        : "";
    return "no significant difference from " + reference + " (" + p + caution + power + ")";
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

  private static Map<String, String> notes() {
    Map<String, String> n = new LinkedHashMap<>();
    n.put("lossCi", "95 % CI of the arm's mean final loss: Student's t below " + Statistics.BOOTSTRAP_MIN
        + " finished seeds, a percentile bootstrap (2,000 resamples) from there on; its method is in lossCi.method");
    n.put("gapCi", "95 % CI of the gap: Welch's t-interval (Welch–Satterthwaite degrees of freedom) unless arm and baseline "
        + "both have " + Statistics.BOOTSTRAP_MIN + " or more finished seeds, then a percentile bootstrap; per-arm, not adjusted "
        + "for multiplicity");
    n.put("hedgesG", "Hedges' g: the gap in pooled sds times the exact small-sample correction J; 95 % CI by inverting the "
        + "noncentral t distribution (Hedges & Olkin 1985; Steiger & Fouladi 1997)");
    n.put("welchP", "two-sided p of Welch's unequal-variances t-test of the arm against the baseline");
    n.put("welchPHolm", "welchP adjusted by Holm's step-down method over the arms compared (comparisons); the verdict uses it at "
        + ALPHA);
    n.put("mannWhitneyP", "two-sided Mann–Whitney U p: exact (permutation distribution of U over the tied mid-ranks) while "
        + "each sample has fewer than " + Statistics.EXACT_MANN_WHITNEY_BELOW + " seeds, else the normal approximation with "
        + "tie and continuity corrections; a robustness check, not used by the verdict");
    n.put("detectableGap", "smallest true gap Welch's two-sided test at " + Power.ALPHA + " detects with "
        + Math.round(Power.POWER * 100) + " % power for these finished seed counts, with the sd in power (equal sds assumed; "
        + "noncentral t at the Welch–Satterthwaite degrees of freedom); per comparison, before Holm");
    n.put("training", "tasks per run; epochs trained along the path, mean over finished runs (reused prefixes included); "
        + "capped: finished runs with a task whose best epoch fell within the last patience epochs of max-epochs, i.e. the "
        + "epoch cap stopped it while its validation loss still improved");
    n.put("verdict", "\"inconclusive: training budget\" when any finished run here or in the baseline is capped; otherwise "
        + "better/worse when the Holm-adjusted Welch p < " + ALPHA + "; \"undefined\" when no sample varies");
    n.put("meanWeightNorm, meanBiasNorm, meanDeadRelu", "pathlab's own measures, after the paper's appendix 8.3 but not its "
        + "definitions: L2 norm of all weights and of all biases after the last task, and per ReLU stage the share of units "
        + "that stay 0 on a fixed probe of 256 clean test images");
    return java.util.Collections.unmodifiableMap(n);
  }
}
