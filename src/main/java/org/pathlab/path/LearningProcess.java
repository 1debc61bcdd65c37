package org.pathlab.path;

import org.pathlab.serialization.PathlabSerializable;

/**
 * How a model is trained on one task: SGD settings, batch size, the stopping rule (max epochs,
 * patience on validation loss, best epoch restored) and the interventions applied before it starts.
 * Each task starts a fresh learning process, momentum state included.
 */
public record LearningProcess(
    double learningRate,
    double momentum,
    double weightDecay,
    int batchSize,
    int maxEpochs,
    int patience,
    boolean biasReset)
    implements PathlabSerializable {

  /** The paper's defaults (section 3.1): lr 1e-3, momentum 0.9, weight decay 1e-3, 200 epochs, patience 50. */
  public static LearningProcess paperDefaults() {
    return new LearningProcess(1e-3, 0.9, 1e-3, 128, 200, 50, false);
  }
}
