package org.pathlab.train;

import org.pathlab.metrics.EpochMetrics;

/**
 * Early stopping and the parameters a task keeps. With a validation split: the parameters of the
 * epoch with the lowest validation loss, and a stop after {@code patience} epochs without a lower
 * one. Without one there is no early stopping: every epoch runs and the last parameters are kept
 * (what a fixed-epoch reference does).
 */
final class KeepBest implements TrainingListener {

  private final boolean validated;
  private final int maxEpochs;
  private final int patience;
  private byte[] best;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int sinceBest;
  private boolean stop;

  /** Starts from the network's parameters as they are (kept should no epoch end). */
  KeepBest(Network network, boolean validated, int maxEpochs, int patience) {
    this.validated = validated;
    this.maxEpochs = maxEpochs;
    this.patience = patience;
    this.best = network.save();
  }

  @Override
  public void epochEnded(EpochMetrics metrics, Network network) {
    if (!validated) {
      bestEpoch = metrics.epoch();
      if (metrics.epoch() == maxEpochs) best = network.save();
    } else if (metrics.validationLoss() < bestLoss) {
      bestLoss = metrics.validationLoss();
      bestEpoch = metrics.epoch();
      best = network.save();
      sinceBest = 0;
    } else if (++sinceBest >= patience) {
      stop = true;
    }
  }

  /** Whether the task has a validation split to choose by. */
  boolean validated() {
    return validated;
  }

  /** Whether to stop: {@code patience} epochs without a lower validation loss. */
  boolean stop() {
    return stop;
  }

  /** The kept parameters ({@link Network#save}). */
  byte[] best() {
    return best;
  }

  int bestEpoch() {
    return bestEpoch;
  }

  /** The lowest validation loss; infinite without a validation split. */
  double bestLoss() {
    return bestLoss;
  }
}
