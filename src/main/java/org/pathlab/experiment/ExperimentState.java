package org.pathlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.experiment.ExperimentEvent.CheckpointRejected;
import org.pathlab.experiment.ExperimentEvent.ExperimentCancelled;
import org.pathlab.experiment.ExperimentEvent.ExperimentFinished;
import org.pathlab.experiment.ExperimentEvent.TaskAttemptFailed;
import org.pathlab.experiment.ExperimentEvent.ExperimentSubmitted;
import org.pathlab.experiment.ExperimentEvent.RunDiverged;
import org.pathlab.experiment.ExperimentEvent.RunFailed;
import org.pathlab.experiment.ExperimentEvent.RunFinished;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.scenario.Plan;
import org.pathlab.wire.PathlabSerializable;

/**
 * An experiment as its events describe it. Immutable: {@link #apply} returns a new state. Both the
 * supervisor (to know where each run stands) and the read side (status, reports) fold events
 * through this one function, so they cannot disagree.
 */
public record ExperimentState(
    String experimentId,
    Plan plan,
    String scenarioText,
    long submittedAtMillis,
    List<RunState> runs,
    Status status,
    long finishedAtMillis,
    long eventCount,
    Annotations annotations)
    implements PathlabSerializable {

  public enum Status {
    EMPTY,
    RUNNING,
    FINISHED,
    CANCELLED,
    /** {@link ExperimentEvent.ExperimentQuarantined}: not resumed after the daemon died twice with it in flight. */
    QUARANTINED
  }

  public ExperimentState {
    runs = List.copyOf(runs);
    // snapshots written before annotations existed: the scenario's tags and notes, none added since
    if (annotations == null) annotations = Annotations.of(plan, submittedAtMillis);
  }

  public static ExperimentState empty(String experimentId) {
    return new ExperimentState(experimentId, null, null, 0, List.of(), Status.EMPTY, 0, 0, Annotations.NONE);
  }

  /** The state after {@code event}; counts the events it has seen. */
  public ExperimentState apply(ExperimentEvent event) {
    ExperimentState next = fold(event);
    return new ExperimentState(next.experimentId, next.plan, next.scenarioText, next.submittedAtMillis, next.runs,
        next.status, next.finishedAtMillis, eventCount + 1, next.annotations);
  }

  private ExperimentState fold(ExperimentEvent event) {
    if (event instanceof ExperimentSubmitted e) {
      List<RunState> pending = e.plan().runs().stream().map(r -> RunState.pending(r.id())).toList();
      return new ExperimentState(e.experimentId(), e.plan(), e.scenarioText(), e.submittedAtMillis(), pending, Status.RUNNING, 0, 0,
          Annotations.of(e.plan(), e.submittedAtMillis()));
    } else if (event instanceof TaskCompleted e) {
      return withRun(run(e.runId()).with(e));
    } else if (event instanceof RunFinished e) {
      return withRun(run(e.runId()).ended(RunStatus.FINISHED, null));
    } else if (event instanceof RunDiverged e) {
      return withRun(run(e.runId()).ended(RunStatus.DIVERGED, "epoch " + e.epoch() + " of task " + e.taskIndex() + ": " + e.reason()));
    } else if (event instanceof RunFailed e) {
      return withRun(run(e.runId()).ended(RunStatus.FAILED, e.reason()));
    } else if (event instanceof TaskAttemptFailed e) {
      return withRun(run(e.runId()).failedAttempt("attempt " + e.attempt() + " failed: " + e.reason()));
    } else if (event instanceof CheckpointRejected e) {
      return withRun(run(e.runId()).rewoundTo(e.taskIndex()));
    } else if (event instanceof ExperimentCancelled e) {
      List<RunState> next = runs.stream().map(r -> r.status().ended() ? r : r.ended(RunStatus.CANCELLED, e.reason())).toList();
      return new ExperimentState(experimentId, plan, scenarioText, submittedAtMillis, next, Status.CANCELLED, e.cancelledAtMillis(), 0,
          annotations);
    } else if (event instanceof ExperimentEvent.ExperimentQuarantined e) {
      List<RunState> next = runs.stream().map(r -> r.status().ended() ? r : r.ended(RunStatus.FAILED, e.reason())).toList();
      return new ExperimentState(experimentId, plan, scenarioText, submittedAtMillis, next, Status.QUARANTINED, e.atMillis(), 0,
          annotations);
    } else if (event instanceof ExperimentFinished e) {
      return new ExperimentState(experimentId, plan, scenarioText, submittedAtMillis, runs, Status.FINISHED, e.finishedAtMillis(), 0,
          annotations);
    } else if (event instanceof ExperimentEvent.Annotation e) {
      return new ExperimentState(experimentId, plan, scenarioText, submittedAtMillis, runs, status, finishedAtMillis, 0,
          annotations.apply(e));
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  public RunState run(String runId) {
    for (RunState r : runs) {
      if (r.runId().equals(runId)) return r;
    }
    throw new IllegalArgumentException("no run " + runId + " in experiment " + experimentId);
  }

  /**
   * {@code events}, followed by {@code ExperimentFinished} when after them every run has ended:
   * what the supervisor persists for one step of its runs.
   */
  List<ExperimentEvent> closing(List<ExperimentEvent> events, long nowMillis) {
    ExperimentState after = this;
    for (ExperimentEvent e : events) after = after.apply(e);
    if (!after.allRunsEnded()) return events;
    List<ExperimentEvent> all = new ArrayList<>(events);
    all.add(new ExperimentFinished(nowMillis));
    return all;
  }

  public boolean allRunsEnded() {
    return runs.stream().allMatch(r -> r.status().ended());
  }

  public int tasksCompleted() {
    return runs.stream().mapToInt(r -> r.completed().size()).sum();
  }

  private ExperimentState withRun(RunState updated) {
    List<RunState> next = new ArrayList<>(runs.size());
    for (RunState r : runs) next.add(r.runId().equals(updated.runId()) ? updated : r);
    return new ExperimentState(experimentId, plan, scenarioText, submittedAtMillis, next, status, finishedAtMillis, 0, annotations);
  }

  /** What {@code asked} would record here, or null when it changes nothing ({@link Annotations#effect}). */
  ExperimentEvent.Annotation effect(ExperimentEvent.Annotation asked) {
    return annotations.effect(asked);
  }

  /** Why {@code asked} cannot be recorded now, or null ({@link Annotations#refusal}). */
  String refusal(ExperimentEvent.Annotation asked) {
    return annotations.refusal(status, experimentId, asked);
  }
}
