package org.pathlab.report;

import java.util.List;

/**
 * The baseline-gap answer for one experiment, built from its events only: per arm, the final
 * target test loss and accuracy of each seed, their mean and standard deviation, and the gap
 * between the arm's mean loss and the baseline's (positive: worse than the baseline).
 */
public record Report(
    String experimentId,
    String scenario,
    String dataset,
    String model,
    String status,
    int tasksCompleted,
    int tasksTotal,
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
      Double meanAccuracy,
      Double sdAccuracy,
      Double gap) {}

  /** One seed of one arm: its last task's target test numbers when the run finished. */
  public record SeedResult(
      long seed, String runId, String status, int tasksCompleted, Double targetTestLoss, Double targetTestAccuracy,
      int epochs, String reason) {}
}
