package org.pathlab.train;

import org.pathlab.metrics.EpochMetrics;
import java.util.List;
import org.pathlab.train.PhaseClock.Phase;

/**
 * Told of a task's training as it goes, on the training thread: DJL's {@code TrainingListener}
 * idea for pathlab's own loop. {@link TaskTrainer} keeps only the loop; what goes on beside it —
 * where the time goes ({@link PhaseClock}), which epoch's parameters are kept and when to stop
 * ({@link KeepBest}), live progress ({@link EpochListener}) — is a listener's.
 */
interface TrainingListener {

  /** A piece of the task's work ended: the time since the last one ended was spent in {@code phase}. */
  default void phaseEnded(Phase phase) {}

  /** An epoch ended with {@code metrics}; {@code network} holds the parameters it left. */
  default void epochEnded(EpochMetrics metrics, Network network) {}

  /** Every listener, told in this order. */
  static TrainingListener all(TrainingListener... listeners) {
    List<TrainingListener> each = List.of(listeners);
    return new TrainingListener() {
      @Override
      public void phaseEnded(Phase phase) {
        for (TrainingListener l : each) l.phaseEnded(phase);
      }

      @Override
      public void epochEnded(EpochMetrics metrics, Network network) {
        for (TrainingListener l : each) l.epochEnded(metrics, network);
      }
    };
  }

  /** Live progress: each epoch's metrics to {@code listener}, for task {@code taskIndex}. */
  static TrainingListener live(EpochListener listener, int taskIndex) {
    return new TrainingListener() {
      @Override
      public void epochEnded(EpochMetrics metrics, Network network) {
        listener.epochFinished(taskIndex, metrics);
      }
    };
  }
}
