package org.pathlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.pathlab.experiment.ExperimentEvent.ExperimentFinished;
import org.pathlab.experiment.ExperimentEvent.ExperimentSubmitted;
import org.pathlab.experiment.ExperimentEvent.RunDiverged;
import org.pathlab.experiment.ExperimentEvent.RunFailed;
import org.pathlab.experiment.ExperimentEvent.RunFinished;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.serialization.PathlabSerializable;
import org.pathlab.train.TaskOutcome;

/**
 * One per experiment; the single writer of its events. It starts a {@link PathRunner} per run,
 * persists every task outcome before the run moves on, and after a restart resumes each unfinished
 * run at its next task from the checkpoint its last {@code TaskCompleted} names.
 */
public final class ExperimentSupervisor
    extends EventSourcedBehaviorWithEnforcedReplies<ExperimentSupervisor.Command, ExperimentEvent, ExperimentState> {

  public sealed interface Command extends PathlabSerializable {}

  /** Start this experiment with a validated plan; replies with the experiment id. */
  public record Submit(Plan plan, String scenarioText, ActorRef<StatusReply<String>> replyTo) implements Command {}

  public record GetState(ActorRef<ExperimentState> replyTo) implements Command {}

  /** From a runner: one task's outcome. */
  public record TaskDone(String runId, int taskIndex, TaskOutcome outcome, ActorRef<PathRunner.Command> runner)
      implements Command {}

  private final String experimentId;
  private final ActorContext<Command> context;
  private final ActorRef<Trainer.Command> trainer;

  public static PersistenceId persistenceId(String experimentId) {
    return PersistenceId.of("experiment", experimentId);
  }

  public static Behavior<Command> create(String experimentId, ActorRef<Trainer.Command> trainer) {
    return Behaviors.setup(context -> new ExperimentSupervisor(experimentId, context, trainer));
  }

  private ExperimentSupervisor(String experimentId, ActorContext<Command> context, ActorRef<Trainer.Command> trainer) {
    super(persistenceId(experimentId));
    this.experimentId = experimentId;
    this.context = context;
    this.trainer = trainer;
  }

  @Override
  public ExperimentState emptyState() {
    return ExperimentState.empty(experimentId);
  }

  @Override
  public Set<String> tagsFor(ExperimentEvent event) {
    return Set.of(ExperimentEvent.TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, ExperimentEvent, ExperimentState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forState(state -> state.status() == ExperimentState.Status.EMPTY)
        .onCommand(Submit.class, this::onSubmit);
    builder
        .forState(state -> state.status() == ExperimentState.Status.RUNNING)
        .onCommand(TaskDone.class, this::onTaskDone);
    builder
        .forAnyState()
        .onCommand(Submit.class, (state, cmd) ->
            Effect().reply(cmd.replyTo(), StatusReply.error("experiment " + experimentId + " was already submitted")))
        .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .onCommand(TaskDone.class, (state, cmd) -> Effect().noReply());
    return builder.build();
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onSubmit(ExperimentState state, Submit cmd) {
    var event = new ExperimentSubmitted(experimentId, cmd.plan(), cmd.scenarioText(), System.currentTimeMillis());
    return Effect()
        .persist(event)
        .thenRun(this::startUnfinishedRuns)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(experimentId));
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onTaskDone(ExperimentState state, TaskDone done) {
    RunState run = state.run(done.runId());
    if (run.status().ended() || run.nextTask() != done.taskIndex()) {
      // A late or repeated report: the journal already has this task's outcome.
      return Effect().noReply();
    }
    RunSpec spec = state.plan().run(done.runId());
    List<ExperimentEvent> events = new ArrayList<>();
    boolean goesOn = false;
    if (done.outcome() instanceof TaskOutcome.Completed c) {
      events.add(new TaskCompleted(done.runId(), done.taskIndex(), c.metrics(), c.checkpoint(), c.checkpointSha256(), System.currentTimeMillis()));
      if (done.taskIndex() == spec.path().size() - 1) {
        events.add(new RunFinished(done.runId()));
      } else {
        goesOn = true;
      }
    } else if (done.outcome() instanceof TaskOutcome.Diverged d) {
      events.add(new RunDiverged(done.runId(), done.taskIndex(), d.epoch(), d.reason()));
    } else if (done.outcome() instanceof TaskOutcome.Failed f) {
      events.add(new RunFailed(done.runId(), done.taskIndex(), f.reason()));
    }
    ExperimentState after = state;
    for (ExperimentEvent e : events) after = after.apply(e);
    if (after.allRunsEnded()) {
      events.add(new ExperimentFinished(System.currentTimeMillis()));
    }
    boolean next = goesOn;
    return Effect()
        .persist(events)
        .thenRun(s -> {
          if (next) {
            TaskCompleted last = s.run(done.runId()).last();
            done.runner().tell(new PathRunner.TrainTask(last.taskIndex() + 1, last.checkpoint(), last.checkpointSha256()));
          } else {
            context.stop(done.runner());
          }
        })
        .thenNoReply();
  }

  @Override
  public SignalHandler<ExperimentState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          if (state.status() == ExperimentState.Status.RUNNING) {
            context.getLog().info("experiment {} recovered with {} of {} tasks done; resuming", experimentId,
                state.tasksCompleted(), state.plan().totalTasks());
            startUnfinishedRuns(state);
          }
        })
        .build();
  }

  /** Starts a runner for every run that has not ended, at its next task. */
  private void startUnfinishedRuns(ExperimentState state) {
    for (RunState run : state.runs()) {
      if (run.status().ended()) continue;
      RunSpec spec = state.plan().run(run.runId());
      ActorRef<PathRunner.Command> runner =
          context.spawn(PathRunner.create(experimentId, state.plan(), spec, trainer, context.getSelf()), "run-" + run.runId());
      TaskCompleted last = run.last();
      runner.tell(last == null
          ? new PathRunner.TrainTask(0, null, null)
          : new PathRunner.TrainTask(last.taskIndex() + 1, last.checkpoint(), last.checkpointSha256()));
    }
  }

  @Override
  public EventHandler<ExperimentState, ExperimentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(ExperimentState::apply);
  }
}
