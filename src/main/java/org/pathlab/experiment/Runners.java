package org.pathlab.experiment;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * A supervisor's {@link PathRunner}s, one child per unfinished run: started at the run's next task
 * (with prefix reuse, once the registry has answered the task's claim), found by run id, stopped.
 * Used only on the supervisor's own thread.
 */
final class Runners {

  private final ActorContext<ExperimentSupervisor.Command> context;
  private final String experimentId;
  private final ActorRef<Trainer.Command> trainer;
  private final PrefixReuse reuse;

  Runners(ActorContext<ExperimentSupervisor.Command> context, String experimentId, ActorRef<Trainer.Command> trainer,
      PrefixReuse reuse) {
    this.context = context;
    this.experimentId = experimentId;
    this.trainer = trainer;
    this.reuse = reuse;
  }

  /** Starts a runner for every run that has not ended, at its next task. */
  void startUnfinished(ExperimentState state) {
    for (RunState run : state.runs()) {
      if (run.status().ended()) continue;
      context.spawn(PathRunner.create(experimentId, state.plan(), state.plan().run(run.runId()), reuse.cpuLayout(state.plan()), trainer,
              context.getSelf()),
          name(run.runId()));
      next(state, run.runId());
    }
  }

  /** Moves a run on to its next task: trained at once, or (with prefix reuse) once its claim is answered. */
  void next(ExperimentState state, String runId) {
    RunState run = state.run(runId);
    if (reuse.appliesTo(state.plan())) reuse.claim(state.plan(), runId, run.nextTask());
    else train(run);
  }

  /** Trains the run's next task now (no claim: the run holds its prefix, or reuse is off). */
  void train(RunState run) {
    ActorRef<PathRunner.Command> runner = of(run.runId());
    if (runner != null) runner.tell(run.nextTrainTask());
  }

  void stop(String runId) {
    ActorRef<PathRunner.Command> runner = of(runId);
    if (runner != null) context.stop(runner);
  }

  void stopAll() {
    context.getChildren().forEach(context::stop);
  }

  /** The run's runner, or null when it has none (ended, or not started yet). */
  @SuppressWarnings("unchecked")
  ActorRef<PathRunner.Command> of(String runId) {
    return context.getChild(name(runId)).map(c -> (ActorRef<PathRunner.Command>) (ActorRef<?>) c).orElse(null);
  }

  private static String name(String runId) {
    return "run-" + runId;
  }
}
