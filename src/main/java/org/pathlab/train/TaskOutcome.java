package org.pathlab.train;

import org.pathlab.metrics.TaskMetrics;
import org.pathlab.metrics.TrainedOn;

/** How training one task ended. */
public sealed interface TaskOutcome extends org.pathlab.wire.PathlabSerializable {

  /** Trained {@code on} a node, trainer and engine device; parameters written to {@code checkpoint} (a file name under the checkpoint directory). */
  record Completed(TaskMetrics metrics, String checkpoint, String checkpointSha256, TrainedOn on) implements TaskOutcome {}

  /** The loss became NaN or infinite. */
  record Diverged(int epoch, String reason) implements TaskOutcome {}

  /**
   * The starting checkpoint is missing or does not hash to what the journal recorded: it must not
   * be used, and the task that produced it has to be trained again.
   */
  record CheckpointRejected(String reason) implements TaskOutcome {}

  /** The experiment was cancelled while this task trained. */
  record Cancelled(int epoch) implements TaskOutcome {}

  /**
   * Anything else. {@code retryable}: a failure that may not happen again (an engine error), as
   * opposed to one that will (a missing or corrupt dataset, an impossible model).
   */
  record Failed(String reason, boolean retryable) implements TaskOutcome {}
}
