package org.pathlab.experiment;

import org.pathlab.scenario.Plan;
import org.pathlab.wire.PathlabSerializable;
import org.pathlab.metrics.TaskMetrics;
import org.pathlab.metrics.TrainedOn;

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
   * One task of one run finished training on {@code device}; its parameters are in
   * {@code checkpoint} (content hash {@code checkpointSha256}). Persisted before the run moves on.
   * {@code device} was added after format version 1 was first written: it is null in older journals.
   *
   * <p>{@code prefixKey} identifies everything that determined these parameters (the run's path up
   * to this task, its seed, data, model, trainer version, device kind and threads: {@link
   * PrefixKey}); {@code reusedFrom} is null when this task was trained, and names the completion
   * ({@code experiment/run/task}) whose identical prefix was reused instead — same checkpoint, same
   * metrics, no training. Both are null in journals written before reuse existed.
   */
  record TaskCompleted(
      String runId,
      int taskIndex,
      TaskMetrics metrics,
      String checkpoint,
      String checkpointSha256,
      long completedAtMillis,
      TrainedOn trainedOn,
      String prefixKey,
      String reusedFrom,
      @com.fasterxml.jackson.annotation.JsonIgnore String device)
      implements ExperimentEvent {

    /**
     * {@code device}: where the task was trained, as journals written before {@link TrainedOn}
     * hold it ("gpu0 gpu(0)"); read into {@code trainedOn}, and null from then on.
     */
    public TaskCompleted {
      if (trainedOn == null && device != null) trainedOn = TrainedOn.parse(device);
      device = null;
    }

    public TaskCompleted(String runId, int taskIndex, TaskMetrics metrics, String checkpoint, String checkpointSha256,
        long completedAtMillis, TrainedOn trainedOn) {
      this(runId, taskIndex, metrics, checkpoint, checkpointSha256, completedAtMillis, trainedOn, null, null, null);
    }

    public boolean reused() {
      return reusedFrom != null;
    }


    /** This completion reused, now, by task {@code taskIndex} of run {@code runId}, whose prefix is the same. */
    public TaskCompleted reusedBy(String runId, int taskIndex, String from, long nowMillis) {
      return new TaskCompleted(runId, taskIndex, metrics, checkpoint, checkpointSha256, nowMillis, trainedOn, prefixKey, from, null);
    }
  }

  /** The run's last (target) task completed. */
  record RunFinished(String runId) implements ExperimentEvent {}

  /** The loss became NaN or infinite. */
  record RunDiverged(String runId, int taskIndex, int epoch, String reason) implements ExperimentEvent {}

  /** The run cannot go on (bad dataset, impossible model, engine error after every retry). */
  record RunFailed(String runId, int taskIndex, String reason) implements ExperimentEvent {}

  /**
   * Training a task failed in a way that may not happen again (attempt counts from 1); it is
   * retried after {@code retryInMillis}.
   */
  record TaskAttemptFailed(String runId, int taskIndex, int attempt, String reason, long retryInMillis)
      implements ExperimentEvent {}

  /**
   * The checkpoint written by task {@code taskIndex} was missing or did not match its recorded
   * hash when the next task needed it: it is never used, and task {@code taskIndex} is trained
   * again (its earlier completion stays in the journal, superseded by the next one).
   */
  record CheckpointRejected(String runId, int taskIndex, String reason) implements ExperimentEvent {}

  /** Cancelled by a user: unfinished runs stop within one epoch and are not resumed. */
  record ExperimentCancelled(String reason, long cancelledAtMillis) implements ExperimentEvent {}

  /** Every run ended, one way or another. */
  record ExperimentFinished(long finishedAtMillis) implements ExperimentEvent {}

  /**
   * The daemon died twice in a row while this experiment was recovering or training ({@link
   * CrashGuard}): its unfinished runs failed with {@code reason}, and it is not resumed.
   */
  record ExperimentQuarantined(String reason, long atMillis) implements ExperimentEvent {}

  /**
   * What a researcher says of an experiment after submitting it: its tags, notes, and whether it is
   * archived. Allowed in any state once submitted; changes no run and no number.
   */
  sealed interface Annotation extends ExperimentEvent {
    long atMillis();
  }

  /** Tags added and removed ({@code pathlab tag ID +x -y}); a tag both added and removed is refused before it gets here. */
  record TagsChanged(java.util.List<String> added, java.util.List<String> removed, long atMillis) implements Annotation {
    public TagsChanged {
      added = added == null ? java.util.List.of() : java.util.List.copyOf(added);
      removed = removed == null ? java.util.List.of() : java.util.List.copyOf(removed);
    }
  }

  /** A note kept with the experiment ({@code pathlab note ID TEXT}). */
  record NoteAdded(String text, long atMillis) implements Annotation {}

  /** Hidden from lists ({@code archived = true}) or shown again; its journal, reports and checkpoints are kept either way. */
  record ArchiveChanged(boolean archived, long atMillis) implements Annotation {}
}
