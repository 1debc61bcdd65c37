package org.pathlab.experiment;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunRef;
import org.pathlab.scenario.RunSpec;
import org.pathlab.train.TrainRequest;

/**
 * A supervisor's runs in training: each unfinished run's next task goes to the {@link DeviceQueue}
 * (with prefix reuse, once the registry has answered the task's claim), with an attempt token; a
 * reply counts only while its token is the run's current one, so a late reply — to an earlier
 * attempt, for a run since stopped, or to an earlier incarnation of the supervisor — changes
 * nothing. Used only on the supervisor's own thread.
 */
final class Runners {

  private final String experimentId;
  private final ActorRef<DeviceQueue.Command> queue;
  private final ActorRef<DeviceQueue.Trained> replies;
  private final PrefixReuse reuse;
  /** Each run in training, with the token of its request in flight (0: none yet). */
  private final Map<String, Long> current = new HashMap<>();
  /** This incarnation's tokens start at a random point: one restarted after a journal failure never reuses one. */
  private long attempts = ThreadLocalRandom.current().nextLong(1L << 40) << 20;
  private Plan plan;

  /** {@code replies}: the supervisor's adapter for the queue's {@link DeviceQueue.Trained}. */
  Runners(String experimentId, ActorRef<DeviceQueue.Command> queue, ActorRef<DeviceQueue.Trained> replies, PrefixReuse reuse) {
    this.experimentId = experimentId;
    this.queue = queue;
    this.replies = replies;
    this.reuse = reuse;
  }

  /** Starts every run that has not ended, at its next task. */
  void startUnfinished(ExperimentState state) {
    plan = state.plan();
    for (RunState run : state.runs()) {
      if (run.status().ended()) continue;
      current.put(run.runId(), 0L);
      next(state, run.runId());
    }
  }

  /** Moves a run on to its next task: trained at once, or (with prefix reuse) once its claim is answered. */
  void next(ExperimentState state, String runId) {
    RunState run = state.run(runId);
    if (reuse.appliesTo(state.plan())) reuse.claim(state.plan(), runId, run.nextTask());
    else train(run);
  }

  /** Trains the run's next task now (no claim: the run holds its prefix, or reuse is off); nothing for a run not in training. */
  void train(RunState run) {
    if (!current.containsKey(run.runId())) return;
    long attempt = ++attempts;
    current.put(run.runId(), attempt);
    RunState.NextTask task = run.nextTrainTask();
    RunSpec spec = plan.run(run.runId());
    TrainRequest request = new TrainRequest(new RunRef(experimentId, run.runId()), spec.seed(), task.taskIndex(),
        plan.dataset(), plan.modelSpec(), plan.transforms(), spec.path().step(task.taskIndex()), task.checkpoint(),
        task.checkpointSha256(), reuse.cpuLayout(plan), plan.precisionOrDefault().id());
    queue.tell(new DeviceQueue.Train(experimentId, run.runId(), request, attempt, replies));
  }

  /** Whether a reply with this token answers the run's request in flight. */
  boolean current(String runId, long attempt) {
    Long token = current.get(runId);
    return token != null && token == attempt;
  }

  void stop(String runId) {
    current.remove(runId);
  }

  void stopAll() {
    current.clear();
  }
}
