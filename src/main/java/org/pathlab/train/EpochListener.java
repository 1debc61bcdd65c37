package org.pathlab.train;

import org.pathlab.metrics.EpochMetrics;

/** Told after every epoch, on the training thread; for live progress only (nothing durable). */
@FunctionalInterface
public interface EpochListener {
  EpochListener NONE = (taskIndex, metrics) -> {};

  void epochFinished(int taskIndex, EpochMetrics metrics);
}
