package org.pathlab.train;

/** How training one task ended. */
public sealed interface TaskOutcome {

  /** Trained; parameters written to {@code checkpoint} (a file name under the checkpoint directory). */
  record Completed(TaskMetrics metrics, String checkpoint, String checkpointSha256) implements TaskOutcome {}

  /** The loss became NaN or infinite. */
  record Diverged(int epoch, String reason) implements TaskOutcome {}

  /** Anything else: bad dataset, bad checkpoint, engine error. */
  record Failed(String reason) implements TaskOutcome {}
}
