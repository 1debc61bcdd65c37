package org.pathlab.metrics;

import java.util.List;
import org.pathlab.wire.PathlabSerializable;

/**
 * What one completed task measured, after the best epoch's parameters were restored: the clean
 * target test set (the number the paper reports) and the task's own test set. {@code
 * initialParameters}: for a run's first task, the SHA-256 of the network's state as drawn, before
 * any training or bias reset (two runs with equal hashes started from the same weights, which is
 * what lets a report pair them by seed); null for later tasks and in journals written before it
 * was recorded.
 */
public record TaskMetrics(
    int epochsRun,
    int bestEpoch,
    double bestValidationLoss,
    double targetTestLoss,
    double targetTestAccuracy,
    double taskTestLoss,
    double taskTestAccuracy,
    List<EpochMetrics> epochs,
    double weightNorm,
    double biasNorm,
    List<Double> deadReluFractions,
    List<String> reluStages,
    String initialParameters)
    implements PathlabSerializable {

  /**
   * Journals written before the norms and dead-unit shares were recorded read as 0 and empty;
   * those written before the stages' names travelled with the shares read with no names.
   */
  public TaskMetrics {
    epochs = List.copyOf(epochs);
    deadReluFractions = deadReluFractions == null ? List.of() : List.copyOf(deadReluFractions);
    reluStages = reluStages == null ? List.of() : List.copyOf(reluStages);
  }

  /** Metrics without the initial parameters' hash (every task after a run's first). */
  public TaskMetrics(int epochsRun, int bestEpoch, double bestValidationLoss, double targetTestLoss, double targetTestAccuracy,
      double taskTestLoss, double taskTestAccuracy, List<EpochMetrics> epochs, double weightNorm, double biasNorm,
      List<Double> deadReluFractions, List<String> reluStages) {
    this(epochsRun, bestEpoch, bestValidationLoss, targetTestLoss, targetTestAccuracy, taskTestLoss, taskTestAccuracy, epochs,
        weightNorm, biasNorm, deadReluFractions, reluStages, null);
  }

  /** Metrics without the stages' names (as journals before them read). */
  public TaskMetrics(int epochsRun, int bestEpoch, double bestValidationLoss, double targetTestLoss, double targetTestAccuracy,
      double taskTestLoss, double taskTestAccuracy, List<EpochMetrics> epochs, double weightNorm, double biasNorm,
      List<Double> deadReluFractions) {
    this(epochsRun, bestEpoch, bestValidationLoss, targetTestLoss, targetTestAccuracy, taskTestLoss, taskTestAccuracy, epochs,
        weightNorm, biasNorm, deadReluFractions, List.of(), null);
  }

  /**
   * True when the epoch cap, not early stopping, ended this task: its best epoch lies within the
   * last {@code patience} epochs of {@code maxEpochs}, so the validation loss was still improving
   * when training had to stop. Early stopping ends a task {@code patience} epochs after its best
   * one, so this is exactly "early stopping did not fire" (a task without a validation split, whose
   * best epoch is its last, counts as capped too). Derived from what every journal already
   * records (best epoch here, max-epochs and patience in the plan): old journals need no new field.
   */
  public boolean stoppedByEpochCap(int maxEpochs, int patience) {
    return bestEpoch > maxEpochs - patience;
  }
}
