package org.pathlab.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.pathlab.experiment.ExperimentEvent.CheckpointRejected;
import org.pathlab.experiment.ExperimentEvent.ExperimentCancelled;
import org.pathlab.experiment.ExperimentEvent.ExperimentFinished;
import org.pathlab.experiment.ExperimentEvent.ExperimentSubmitted;
import org.pathlab.experiment.ExperimentEvent.RunDiverged;
import org.pathlab.experiment.ExperimentEvent.RunFailed;
import org.pathlab.experiment.ExperimentEvent.RunFinished;
import org.pathlab.experiment.ExperimentEvent.TaskAttemptFailed;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.serialization.PathlabSerializable;
import org.pathlab.train.TaskOutcome;

/**
 * One per experiment; the single writer of its events. It starts a {@link PathRunner} per run,
 * persists every task outcome before the run moves on, and after a restart resumes each unfinished
 * run at its next task from the checkpoint its last {@code TaskCompleted} names. Retryable
 * failures are retried with backoff, each attempt an event; a rejected checkpoint sends its run
 * back to the task that wrote it; a cancelled experiment stops and is never resumed.
 */
public final class ExperimentSupervisor
    extends EventSourcedBehaviorWithEnforcedReplies<ExperimentSupervisor.Command, ExperimentEvent, ExperimentState> {

  public sealed interface Command extends PathlabSerializable {}

  /** Start this experiment with a validated plan; replies with the experiment id. */
  public record Submit(Plan plan, String scenarioText, ActorRef<StatusReply<String>> replyTo) implements Command {}

  public record GetState(ActorRef<ExperimentState> replyTo) implements Command {}

  /** Stop every run within one epoch; replies with the experiment id. */
  public record Cancel(String reason, ActorRef<StatusReply<String>> replyTo) implements Command {}

  /** From a runner: one task's outcome. */
  public record TaskDone(String runId, int taskIndex, TaskOutcome outcome, ActorRef<PathRunner.Command> runner)
      implements Command {}

  /** From the supervisor's own timer: try a failed task again. */
  public record RetryTask(String runId, int taskIndex) implements Command {}

  private final String experimentId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ActorRef<Trainer.Command> trainer;
  private final Cancellations cancellations;
  private final RetryPolicy retries;

  public static PersistenceId persistenceId(String experimentId) {
    return PersistenceId.of("experiment", experimentId);
  }

  public static Behavior<Command> create(
      String experimentId, ActorRef<Trainer.Command> trainer, Cancellations cancellations, RetryPolicy retries) {
    return Behaviors.withTimers(timers -> Behaviors.setup(
        context -> new ExperimentSupervisor(experimentId, context, timers, trainer, cancellations, retries)));
  }

  private ExperimentSupervisor(String experimentId, ActorContext<Command> context, TimerScheduler<Command> timers,
      ActorRef<Trainer.Command> trainer, Cancellations cancellations, RetryPolicy retries) {
    super(persistenceId(experimentId));
    this.experimentId = experimentId;
    this.context = context;
    this.timers = timers;
    this.trainer = trainer;
    this.cancellations = cancellations;
    this.retries = retries;
  }

  @Override
  public ExperimentState emptyState() {
    return ExperimentState.empty(experimentId);
  }

  @Override
  public Set<String> tagsFor(ExperimentEvent event) {
    return Set.of(ExperimentEvent.TAG);
  }

  /** A snapshot every 100 events keeps recovery of long experiments short. */
  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, ExperimentEvent, ExperimentState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forState(state -> state.status() == ExperimentState.Status.EMPTY)
        .onCommand(Submit.class, this::onSubmit)
        .onCommand(Cancel.class, (state, cmd) ->
            Effect().reply(cmd.replyTo(), StatusReply.error("no experiment " + experimentId)));
    builder
        .forState(state -> state.status() == ExperimentState.Status.RUNNING)
        .onCommand(TaskDone.class, this::onTaskDone)
        .onCommand(RetryTask.class, this::onRetry)
        .onCommand(Cancel.class, this::onCancel);
    builder
        .forAnyState()
        .onCommand(Submit.class, (state, cmd) ->
            Effect().reply(cmd.replyTo(), StatusReply.error("experiment " + experimentId + " was already submitted")))
        .onCommand(Cancel.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            StatusReply.error("experiment " + experimentId + " has already ended (" + state.status().name().toLowerCase() + ")")))
        .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .onCommand(TaskDone.class, (state, cmd) -> Effect().noReply())
        .onCommand(RetryTask.class, (state, cmd) -> Effect().noReply());
    return builder.build();
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onSubmit(ExperimentState state, Submit cmd) {
    var event = new ExperimentSubmitted(experimentId, cmd.plan(), cmd.scenarioText(), System.currentTimeMillis());
    return Effect()
        .persist(event)
        .thenRun(this::startUnfinishedRuns)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(experimentId));
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onCancel(ExperimentState state, Cancel cmd) {
    return Effect()
        .persist(new ExperimentCancelled(cmd.reason(), System.currentTimeMillis()))
        .thenRun(s -> {
          cancellations.cancel(experimentId);
          context.getChildren().forEach(context::stop);
        })
        .thenReply(cmd.replyTo(), s -> StatusReply.success(experimentId));
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onTaskDone(ExperimentState state, TaskDone done) {
    RunState run = state.run(done.runId());
    if (run.status().ended() || run.nextTask() != done.taskIndex()) {
      // A late or repeated report: the journal already has this task's outcome.
      return Effect().noReply();
    }
    if (done.outcome() instanceof TaskOutcome.Cancelled) {
      // Not a user's cancellation (that ended the run above): the daemon is shutting down. Nothing
      // is recorded; the task is trained again from its checkpoint at the next start.
      context.getLog().info("run {} task {} interrupted by shutdown; it resumes at the next start", done.runId(), done.taskIndex());
      return Effect().noReply();
    }
    RunSpec spec = state.plan().run(done.runId());
    List<ExperimentEvent> events = new ArrayList<>();
    Runnable next;
    if (done.outcome() instanceof TaskOutcome.Completed c) {
      events.add(new TaskCompleted(done.runId(), done.taskIndex(), c.metrics(), c.checkpoint(), c.checkpointSha256(),
          System.currentTimeMillis(), c.device()));
      boolean last = done.taskIndex() == spec.path().size() - 1;
      if (last) events.add(new RunFinished(done.runId()));
      next = last
          ? () -> context.stop(done.runner())
          : () -> done.runner().tell(new PathRunner.TrainTask(done.taskIndex() + 1, c.checkpoint(), c.checkpointSha256()));
    } else if (done.outcome() instanceof TaskOutcome.CheckpointRejected rejected && done.taskIndex() > 0) {
      int writer = done.taskIndex() - 1;
      events.add(new CheckpointRejected(done.runId(), writer, rejected.reason()));
      TaskCompleted before = writer == 0 ? null : run.completed().get(writer - 1);
      next = () -> done.runner().tell(before == null
          ? new PathRunner.TrainTask(0, null, null)
          : new PathRunner.TrainTask(writer, before.checkpoint(), before.checkpointSha256()));
    } else if (done.outcome() instanceof TaskOutcome.Failed f && f.retryable() && run.failedAttempts() + 1 < retries.maxAttempts()) {
      int attempt = run.failedAttempts() + 1;
      Duration wait = retries.backoff(attempt);
      events.add(new TaskAttemptFailed(done.runId(), done.taskIndex(), attempt, f.reason(), wait.toMillis()));
      next = () -> timers.startSingleTimer("retry-" + done.runId(), new RetryTask(done.runId(), done.taskIndex()), wait);
    } else {
      events.add(ending(done, run));
      next = () -> context.stop(done.runner());
    }
    ExperimentState after = state;
    for (ExperimentEvent e : events) after = after.apply(e);
    if (after.allRunsEnded()) {
      events.add(new ExperimentFinished(System.currentTimeMillis()));
    }
    return Effect().persist(events).thenRun(s -> next.run()).thenNoReply();
  }

  private ExperimentEvent ending(TaskDone done, RunState run) {
    TaskOutcome o = done.outcome();
    if (o instanceof TaskOutcome.Diverged d) return new RunDiverged(done.runId(), done.taskIndex(), d.epoch(), d.reason());
    if (o instanceof TaskOutcome.Failed f) {
      String tries = f.retryable() ? " (after " + (run.failedAttempts() + 1) + " attempts)" : "";
      return new RunFailed(done.runId(), done.taskIndex(), f.reason() + tries);
    }
    if (o instanceof TaskOutcome.CheckpointRejected c) return new RunFailed(done.runId(), done.taskIndex(), c.reason());
    return new RunFailed(done.runId(), done.taskIndex(), "stopped: " + o);
  }

  @SuppressWarnings("unchecked")
  private ReplyEffect<ExperimentEvent, ExperimentState> onRetry(ExperimentState state, RetryTask retry) {
    RunState run = state.run(retry.runId());
    if (run.status().ended() || run.nextTask() != retry.taskIndex()) return Effect().noReply();
    TaskCompleted last = run.last();
    context.getChild("run-" + retry.runId()).ifPresent(child ->
        ((ActorRef<PathRunner.Command>) (ActorRef<?>) child).tell(last == null
            ? new PathRunner.TrainTask(0, null, null)
            : new PathRunner.TrainTask(last.taskIndex() + 1, last.checkpoint(), last.checkpointSha256())));
    return Effect().noReply();
  }

  @Override
  public SignalHandler<ExperimentState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          if (state.status() == ExperimentState.Status.CANCELLED) {
            cancellations.cancel(experimentId);
          }
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
