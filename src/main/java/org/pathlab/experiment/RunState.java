package org.pathlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.train.TaskOutcome;
import org.pathlab.wire.PathlabSerializable;

/** Where one run stands: its completed tasks in order, and how it ended (if it did). */
public record RunState(String runId, List<TaskCompleted> completed, RunStatus status, String reason, int failedAttempts)
    implements PathlabSerializable {

  public RunState {
    completed = List.copyOf(completed);
  }

  static RunState pending(String runId) {
    return new RunState(runId, List.of(), RunStatus.PENDING, null, 0);
  }

  /** The index of the task this run trains next. */
  public int nextTask() {
    return completed.size();
  }

  public TaskCompleted last() {
    return completed.isEmpty() ? null : completed.get(completed.size() - 1);
  }

  /** Task {@code taskIndex} of a run, to train from {@code checkpoint} (null: fresh initialization). */
  public record NextTask(int taskIndex, String checkpoint, String checkpointSha256) implements org.pathlab.wire.PathlabSerializable {}

  /** The run's next task, from the checkpoint of its last completion (fresh for the first task). */
  NextTask nextTrainTask() {
    TaskCompleted last = last();
    return last == null ? new NextTask(0, null, null) : new NextTask(nextTask(), last.checkpoint(), last.checkpointSha256());
  }

  /** The event that ends this run after {@code outcome} of task {@code taskIndex} (not a completion). */
  ExperimentEvent ending(int taskIndex, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Diverged d) return new ExperimentEvent.RunDiverged(runId, taskIndex, d.epoch(), d.reason());
    if (outcome instanceof TaskOutcome.Failed f) {
      String tries = f.retryable() ? " (after " + (failedAttempts + 1) + " attempts)" : "";
      return new ExperimentEvent.RunFailed(runId, taskIndex, f.reason() + tries);
    }
    if (outcome instanceof TaskOutcome.CheckpointRejected c) return new ExperimentEvent.RunFailed(runId, taskIndex, c.reason());
    return new ExperimentEvent.RunFailed(runId, taskIndex, "stopped: " + outcome);
  }

  RunState with(TaskCompleted task) {
    List<TaskCompleted> tasks = new ArrayList<>(completed);
    tasks.add(task);
    return new RunState(runId, tasks, RunStatus.RUNNING, null, 0);
  }

  RunState ended(RunStatus status, String reason) {
    return new RunState(runId, completed, status, reason, failedAttempts);
  }

  /** One more failed attempt at the next task. */
  RunState failedAttempt(String why) {
    return new RunState(runId, completed, status, why, failedAttempts + 1);
  }

  /** Forgets the completions of task {@code taskIndex} and later: they are trained again. */
  RunState rewoundTo(int taskIndex) {
    return new RunState(runId, completed.subList(0, Math.min(taskIndex, completed.size())), RunStatus.RUNNING, null, 0);
  }
}
