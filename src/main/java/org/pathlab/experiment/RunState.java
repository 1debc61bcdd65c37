package org.pathlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.serialization.PathlabSerializable;

/** Where one run stands: its completed tasks in order, and how it ended (if it did). */
public record RunState(String runId, List<TaskCompleted> completed, RunStatus status, String reason)
    implements PathlabSerializable {

  public RunState {
    completed = List.copyOf(completed);
  }

  static RunState pending(String runId) {
    return new RunState(runId, List.of(), RunStatus.PENDING, null);
  }

  /** The index of the task this run trains next. */
  public int nextTask() {
    return completed.size();
  }

  public TaskCompleted last() {
    return completed.isEmpty() ? null : completed.get(completed.size() - 1);
  }

  RunState with(TaskCompleted task) {
    List<TaskCompleted> tasks = new ArrayList<>(completed);
    tasks.add(task);
    return new RunState(runId, tasks, RunStatus.RUNNING, null);
  }

  RunState ended(RunStatus status, String reason) {
    return new RunState(runId, completed, status, reason);
  }
}
