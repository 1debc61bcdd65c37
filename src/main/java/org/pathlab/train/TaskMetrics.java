package org.pathlab.train;

import java.util.List;
import org.pathlab.serialization.PathlabSerializable;

/**
 * What one completed task measured, after the best epoch's parameters were restored: the clean
 * target test set (the number the paper reports) and the task's own test set.
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
    List<Double> deadReluFractions)
    implements PathlabSerializable {

  /** Journals written before the norms and dead-unit shares were recorded read as 0 and empty. */
  public TaskMetrics {
    epochs = List.copyOf(epochs);
    deadReluFractions = deadReluFractions == null ? List.of() : List.copyOf(deadReluFractions);
  }
}
