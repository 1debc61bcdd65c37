package org.pathlab.train;

import java.util.function.BooleanSupplier;

/**
 * What the trainer actor knows of training: one task in, one outcome out, never an exception.
 * {@link TaskTrainer} trains with DJL; tests may stand in their own.
 */
public interface TaskTraining extends AutoCloseable {

  /** Trains the task; {@code cancelled} is polled between epochs, so a cancellation stops it within one. */
  TaskOutcome train(TrainRequest request, EpochListener listener, BooleanSupplier cancelled);

  /** Frees the engine's memory; no exception. */
  @Override
  void close();
}
