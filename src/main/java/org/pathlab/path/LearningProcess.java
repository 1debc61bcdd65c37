package org.pathlab.path;

import org.pathlab.wire.PathlabSerializable;

/**
 * How a model is trained on one task: SGD settings, batch size, the stopping rule (max epochs,
 * patience on validation loss, best epoch restored) and the interventions applied before it starts
 * (bias reset: add {@code biasResetDelta} to every bias). Each task starts a fresh learning
 * process, momentum state included.
 */
public record LearningProcess(
    double learningRate,
    double momentum,
    double weightDecay,
    int batchSize,
    int maxEpochs,
    int patience,
    boolean biasReset,
    double biasResetDelta)
    implements PathlabSerializable {

  public static final double DEFAULT_BIAS_RESET_DELTA = 0.01;

  /** The paper's defaults (section 3.1): lr 1e-3, momentum 0.9, weight decay 1e-3, 200 epochs, patience 50. */
  public static LearningProcess paperDefaults() {
    return new LearningProcess(1e-3, 0.9, 1e-3, 128, 200, 50, false, DEFAULT_BIAS_RESET_DELTA);
  }

  public LearningProcess withLearningRate(double lr) {
    return new LearningProcess(lr, momentum, weightDecay, batchSize, maxEpochs, patience, biasReset, biasResetDelta);
  }

  public LearningProcess withBiasReset(boolean reset) {
    return new LearningProcess(learningRate, momentum, weightDecay, batchSize, maxEpochs, patience, reset, biasResetDelta);
  }

  public String label() {
    return String.format(java.util.Locale.ROOT, "lr %s, momentum %s, wd %s, batch %d, ≤%d epochs, patience %d%s",
        num(learningRate), num(momentum), num(weightDecay), batchSize, maxEpochs, patience,
        biasReset ? ", bias reset +" + num(biasResetDelta) : "");
  }

  static String num(double x) {
    return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
