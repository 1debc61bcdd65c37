package org.pathlab.report;

import java.util.List;

/**
 * The baseline-gap answer for one experiment, built from its events only: per arm, the final
 * target test loss and accuracy of each seed, their mean, standard deviation, median and
 * bootstrap 95 % CI, the gap between the arm's mean loss and the baseline's (positive: worse than
 * the baseline) with its CI, Welch's t-test and the Mann–Whitney U test against the baseline, and a
 * plain verdict.
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
    List<ArmSummary> arms) {

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
      List<List<Double>> meanValidationCurves) {}

  /** One seed of one arm: its last task's target test numbers when the run finished. */
  public record SeedResult(
      long seed, String runId, String status, int tasksCompleted, Double targetTestLoss, Double targetTestAccuracy,
      int epochs, List<Integer> bestEpochs, String reason) {}
}
