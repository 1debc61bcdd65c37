package org.pathlab.experiment;

import org.pathlab.scenario.Plan;
import org.pathlab.serialization.PathlabSerializable;
import org.pathlab.train.TaskMetrics;

/**
 * Everything that happens to an experiment, persisted by its supervisor (the single writer) and
 * tagged {@link #TAG} for the read side. The journal is the truth: status, reports and recovery
 * are all folds of these events ({@link ExperimentState#apply}).
 */
public sealed interface ExperimentEvent extends PathlabSerializable {

  String TAG = "experiment";

  /** The scenario was validated and expanded into its plan. */
  record ExperimentSubmitted(String experimentId, Plan plan, String scenarioText, long submittedAtMillis)
      implements ExperimentEvent {}

  /**
   * One task of one run finished training; its parameters are in {@code checkpoint} (content hash
   * {@code checkpointSha256}). Persisted before the run moves on.
   */
  record TaskCompleted(
      String runId,
      int taskIndex,
      TaskMetrics metrics,
      String checkpoint,
      String checkpointSha256,
      long completedAtMillis)
      implements ExperimentEvent {}

  /** The run's last (target) task completed. */
  record RunFinished(String runId) implements ExperimentEvent {}

  /** The loss became NaN or infinite. */
  record RunDiverged(String runId, int taskIndex, int epoch, String reason) implements ExperimentEvent {}

  /** The run cannot go on (bad dataset, bad checkpoint, engine error). */
  record RunFailed(String runId, int taskIndex, String reason) implements ExperimentEvent {}

  /** Every run ended, one way or another. */
  record ExperimentFinished(long finishedAtMillis) implements ExperimentEvent {}
}
