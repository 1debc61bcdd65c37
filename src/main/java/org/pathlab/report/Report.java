package org.pathlab.report;

import java.util.List;

/**
 * The baseline-gap answer for one experiment, built from its events only: per arm, the final
 * target test loss and accuracy of each seed, their mean, standard deviation, median and
 * bootstrap 95 % CI, the gap between the arm's mean loss and the baseline's (positive: worse than
 * the baseline) with its CI, Welch's t-test and the Mann–Whitney U test against the baseline, and a
 * plain verdict. {@code blurFilter} and {@code shiftMax} are the experiment's transform settings,
 * pathlab's choices where the paper states none (docs/transforms.md), so a reader knows which blur
 * and which shift the numbers are for.
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
    int shiftMax) {

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
      Double welchP,
      Double mannWhitneyP,
      String verdict,
      List<Double> meanBestEpochs,
      Double meanWeightNorm,
      Double meanBiasNorm,
      List<Double> meanDeadRelu,
      List<List<Double>> meanValidationCurves,
      PathShape shape) {}

  /**
   * The shape of a path over two transforms (fig. 5): the transforms in canonical order (blur,
   * contrast, shift), {@code order} — which is lowered first ("blur then contrast", "contrast then
   * blur") or "diagonal" when both are lowered together — the discretization {@code steps} (the N
   * of the scenario's {@code steps}), and each task's levels [first, second].
   */
  public record PathShape(String first, String second, String order, int steps, List<List<Double>> levels) {

    public static final String DIAGONAL = "diagonal";

    public String pair() {
      return first + " × " + second;
    }

    /** The three orders of the pair, in the order fig. 5 lays them out. */
    public List<String> orders() {
      return List.of(first + " then " + second, second + " then " + first, DIAGONAL);
    }
  }

  /** One seed of one arm: its last task's target test numbers when the run finished. */
  public record SeedResult(
      long seed, String runId, String status, int tasksCompleted, Double targetTestLoss, Double targetTestAccuracy,
      int epochs, List<Integer> bestEpochs, String reason) {}
}
