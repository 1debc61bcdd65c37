package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.path.LearningPath;
import org.pathlab.path.Step;
import java.util.Map;
import org.pathlab.model.SmallCnnWidths;

/**
 * The baseline-gap answer for one experiment, built from its events only: per arm, the final
 * target test loss and accuracy of each seed, their mean, standard deviation, median and 95 % CI,
 * the gap between the arm's mean loss and the baseline's (positive: worse than the baseline) with
 * its CI, Hedges' g, Welch's t-test (raw and Holm-adjusted over the arms) and the Mann–Whitney U
 * test against the baseline, the smallest gap the seeds could detect, the training the arm's runs
 * had (epochs; runs stopped by the epoch cap) and a plain verdict. {@code notes} says, per field,
 * how it is computed ({@link Statistics}, {@link Power}).
 *
 * <p>{@code comparisons}: how many arms' Welch p-values Holm's adjustment covers; {@code power}:
 * what the detectable gaps assume. {@code blurFilter} and {@code shiftMax} are the experiment's
 * transform settings, pathlab's choices where the paper states none (docs/transforms.md), so a
 * reader knows which blur and which shift the numbers are for. {@code widths}: the small CNN's
 * widths (capacity may decide whether the effect shows), null for other models. {@code metric}:
 * what the verdicts rest on ({@link org.pathlab.scenario.Metric}'s id); the other metric is tested
 * beside it and each verdict says whether it agrees.
 */
public record Report(
    String experimentId,
    String scenario,
    String dataset,
    String model,
    String status,
    int tasksCompleted,
    int tasksTotal,
    List<String> reluStages,
    List<ArmSummary> arms,
    int tasksReused,
    String blurFilter,
    int shiftMax,
    int comparisons,
    PowerBasis power,
    Map<String, String> notes,
    SmallCnnWidths widths,
    String metric,
    String precision) {

  /** One arm; the statistics cover the seeds whose run finished. */
  public record ArmSummary(
      String arm,
      boolean baseline,
      String path,
      List<SeedResult> seeds,
      int finished,
      Double meanLoss,
      Double sdLoss,
      Double medianLoss,
      Statistics.Interval lossCi,
      Double meanAccuracy,
      Double sdAccuracy,
      Double gap,
      Statistics.Interval gapCi,
      Statistics.EffectSize hedgesG,
      Double welchP,
      Double welchPHolm,
      Double mannWhitneyP,
      String mannWhitneyMethod,
      Double detectableGap,
      String verdict,
      Training training,
      List<Double> meanBestEpochs,
      Double meanWeightNorm,
      Double meanBiasNorm,
      List<Double> meanDeadRelu,
      List<List<Double>> meanValidationCurves,
      PathShape shape,
      Contrasts vsBaseline,
      String control,
      Contrasts vsControl,
      String controlVerdict) {}

  /**
   * An arm against one reference on both metrics ({@link Contrast}); {@code vsBaseline} is null
   * for the baseline itself, {@code vsControl} null where the arm names no control.
   */
  public record Contrasts(Contrast loss, Contrast accuracy) {

    public Contrast of(org.pathlab.scenario.Metric metric) {
      return metric == org.pathlab.scenario.Metric.TEST_LOSS ? loss : accuracy;
    }
  }

  /**
   * The training an arm's finished runs had: tasks per run, epochs trained along the path (mean
   * per run, reused prefixes included), and how many runs had a task that the epoch cap ended
   * while its validation loss was still improving ({@code capped}; their verdicts are
   * "inconclusive: training budget").
   */
  public record Training(int tasksPerRun, Double meanEpochs, int capped) {}

  /**
   * What the detectable gaps assume: Welch's two-sided test at {@code alpha} with {@code power},
   * losses with sd {@code sd}: the baseline's observed sd ({@code sdSource} "baseline", over its
   * finished seeds); before the baseline has two finished seeds that vary, the sd of the finished
   * runs of the same baseline prefix in the journal's other experiments ({@code sdSource}
   * "history", {@code sdExperiment} the one with the most such runs); where there are none, {@link
   * Power#ASSUMED_SD} ({@code sdSource} "assumed"). {@code sdRuns}: the runs the sd rests on (0 when
   * assumed). {@code threshold}: the scenario's {@code detectable-gap}, null when it sets none.
   */
  public record PowerBasis(double alpha, double power, double sd, String sdSource, Double threshold, int sdRuns, String sdExperiment) {

    public static final String OBSERVED = "baseline";
    public static final String HISTORY = "history";
    public static final String ASSUMED = "assumed";

    /** The sd in words, for a report or {@code validate}: where it comes from and how many runs it rests on. */
    public String describe() {
      return switch (sdSource) {
        case OBSERVED -> "the baseline's observed sd, " + Fixed.of(sd, 4) + " (" + sdRuns + " finished seeds)";
        case HISTORY -> "the sd observed in " + sdRuns + " earlier finished runs of the same baseline prefix (experiment "
            + sdExperiment + "), " + Fixed.of(sd, 4);
        default -> "an assumed sd of " + Fixed.of(sd, 4) + " (no finished runs of this baseline to measure one)";
      };
    }
  }

  /**
   * The shape of a path over two transforms (fig. 5): the transforms in canonical order (blur,
   * contrast, shift), {@code order} — which is lowered first ("blur then contrast", "contrast then
   * blur") or "diagonal" when both are lowered together — the discretization {@code steps} (the N
   * of the scenario's {@code steps}), and each task's levels [first, second].
   */
  public record PathShape(String first, String second, String order, int steps, List<List<Double>> levels) {

    public static final String DIAGONAL = "diagonal";

    /** The 2-D shape of a path whose tasks vary exactly two transforms; null for any other path. */
    public static PathShape of(LearningPath path) {
      // tasks hold their levels sorted by transform name: blur, contrast, shift
      var names = new java.util.TreeSet<String>();
      for (Step step : path.steps()) step.task().transforms().forEach(t -> names.add(t.transform()));
      List<String> used = List.copyOf(names);
      if (used.size() != 2) return null;
      String a = used.get(0);
      String b = used.get(1);
      List<List<Double>> levels = new ArrayList<>();
      for (Step step : path.steps()) levels.add(List.of(step.task().level(a), step.task().level(b)));
      String order = DIAGONAL;
      for (int i = 1; i < levels.size(); i++) {
        boolean aMoves = !levels.get(i).get(0).equals(levels.get(i - 1).get(0));
        boolean bMoves = !levels.get(i).get(1).equals(levels.get(i - 1).get(1));
        if (aMoves != bMoves) {
          order = aMoves ? a + " then " + b : b + " then " + a;
          break;
        }
      }
      // a-then-b and b-then-a paths of N steps have 2N − 1 tasks; diagonal ones N
      int steps = order.equals(DIAGONAL) || levels.size() % 2 == 0 ? levels.size() : (levels.size() + 1) / 2;
      return new PathShape(a, b, order, steps, levels);
    }

    public String pair() {
      return first + " × " + second;
    }

    /** The three orders of the pair, in the order fig. 5 lays them out. */
    public List<String> orders() {
      return List.of(first + " then " + second, second + " then " + first, DIAGONAL);
    }
  }

  /**
   * One seed of one arm: its last task's target test numbers when the run finished; {@code
   * cappedTasks}: the tasks (numbered from 1) that the epoch cap ended while still improving
   * ({@code converged} when there are none); {@code initialParameters}: the SHA-256 of the run's
   * initial weights, null where the journal does not record it.
   */
  public record SeedResult(
      long seed, String runId, String status, int tasksCompleted, Double targetTestLoss, Double targetTestAccuracy,
      int epochs, List<Integer> bestEpochs, String reason, boolean converged, List<Integer> cappedTasks,
      String initialParameters) {}
}
