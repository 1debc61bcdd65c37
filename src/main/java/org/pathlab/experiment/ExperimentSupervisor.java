package org.pathlab.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.JournalPersistFailed;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.pathlab.experiment.ExperimentEvent.CheckpointRejected;
import org.pathlab.experiment.ExperimentEvent.ExperimentCancelled;
import org.pathlab.experiment.ExperimentEvent.ExperimentSubmitted;
import org.pathlab.experiment.ExperimentEvent.RunFinished;
import org.pathlab.experiment.ExperimentEvent.TaskAttemptFailed;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.ExperimentReply.Refusal;
import org.pathlab.scenario.Plan;
import org.pathlab.train.TaskOutcome;
import org.pathlab.wire.PathlabSerializable;

/**
 * One per experiment; the single writer of its events. It sends its runs' tasks to the {@link
 * DeviceQueue} ({@link Runners}), persists every task outcome before the run moves on, and after a
 * restart resumes each unfinished run at its next task from its last checkpoint. Retryable
 * failures are retried with backoff, each attempt an event; a rejected checkpoint sends its run
 * back to the task that wrote it; a cancelled experiment stops and is never resumed. With prefix
 * reuse on, each task's prefix is claimed from the daemon's {@link PrefixRegistry} first.
 */
public final class ExperimentSupervisor
    extends EventSourcedBehaviorWithEnforcedReplies<ExperimentSupervisor.Command, ExperimentEvent, ExperimentState> {

  public sealed interface Command {}

  /** Start this experiment with a validated plan; replies {@link ExperimentReply.Accepted} with its id. */
  public record Submit(Plan plan, String scenarioText, ActorRef<ExperimentReply> replyTo) implements Command, PathlabSerializable {}

  public record GetState(ActorRef<ExperimentState> replyTo) implements Command, PathlabSerializable {}

  /** What a user may ask of an experiment that exists ({@link Experiments.To}): each has a reply. */
  public sealed interface Request extends Command {
    ActorRef<ExperimentReply> replyTo();
  }

  /** Stop every run within one epoch; replies {@link ExperimentReply.Accepted} with the experiment's id. */
  public record Cancel(String reason, ActorRef<ExperimentReply> replyTo) implements Request, PathlabSerializable {}

  /** Record a tag change, a note or an archiving; replies {@link ExperimentReply.Annotated} (also when it changed nothing). */
  public record Annotate(ExperimentEvent.Annotation event, ActorRef<ExperimentReply> replyTo) implements Request, PathlabSerializable {}

  /** From the device queue: one task's outcome, for the request with token {@code attempt} ({@link Runners}). */
  public record TaskDone(String runId, int taskIndex, TaskOutcome outcome, long attempt) implements Command, PathlabSerializable {}

  /** From the supervisor's own timer: try a failed task again. */
  public record RetryTask(String runId, int taskIndex) implements Command, PathlabSerializable {}

  /** The registry's answer to a prefix claim (local: it never crosses a serialization boundary). */
  private record PrefixAnswer(PrefixRegistry.Answer answer) implements Command {}

  private final String experimentId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Experiments.Wiring wiring;
  private final PrefixReuse reuse;
  private final Runners runners;
  /** Who waits for the submission being persisted; told if the journal fails it (the restart forgets the command). */
  private ActorRef<ExperimentReply> submitting;

  public static Behavior<Command> create(String experimentId, Experiments.Wiring wiring) {
    return Behaviors.withTimers(timers -> Behaviors.setup(context -> new ExperimentSupervisor(experimentId, context, timers, wiring)));
  }

  private ExperimentSupervisor(String experimentId, ActorContext<Command> context, TimerScheduler<Command> timers,
      Experiments.Wiring wiring) {
    super(ExperimentIds.persistenceId(experimentId), JournalFailures.RESTART);
    this.experimentId = experimentId;
    this.context = context;
    this.timers = timers;
    this.wiring = wiring;
    this.reuse = new PrefixReuse(experimentId, wiring.reuse(),
        context.messageAdapter(PrefixRegistry.Answer.class, PrefixAnswer::new), context.getSelf());
    this.runners = new Runners(experimentId, wiring.queue(),
        context.messageAdapter(DeviceQueue.Trained.class, t -> new TaskDone(t.runId(), t.taskIndex(), t.outcome(), t.attempt())), reuse);
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
    builder.forState(state -> state.status() == ExperimentState.Status.EMPTY)
        .onCommand(Submit.class, this::onSubmit)
        .onCommand(Cancel.class, (state, cmd) -> refuse(cmd.replyTo(), Refusal.NOT_FOUND, "no experiment " + experimentId))
        .onCommand(Annotate.class, (state, cmd) -> refuse(cmd.replyTo(), Refusal.NOT_FOUND, "no experiment " + experimentId));
    builder.forState(state -> state.status() == ExperimentState.Status.RUNNING)
        .onCommand(TaskDone.class, this::onTaskDone)
        .onCommand(RetryTask.class, this::onRetry)
        .onCommand(PrefixAnswer.class, this::onPrefixAnswer)
        .onCommand(Cancel.class, this::onCancel);
    builder.forAnyState()
        .onCommand(Submit.class, (state, cmd) ->
            refuse(cmd.replyTo(), Refusal.CONFLICT, "experiment " + experimentId + " was already submitted"))
        .onCommand(Cancel.class, (state, cmd) -> refuse(cmd.replyTo(), Refusal.CONFLICT,
            "experiment " + experimentId + " has already ended (" + state.status().name().toLowerCase() + ")"))
        .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .onCommand(Annotate.class, this::onAnnotate)
        .onCommand(TaskDone.class, (state, cmd) -> {
          reuse.abandon(cmd.runId());
          return Effect().noReply();
        })
        .onCommand(PrefixAnswer.class, (state, cmd) -> {
          // the experiment has ended: a key handed to it is given back at once
          if (cmd.answer() instanceof PrefixRegistry.Train t) reuse.giveBack(t);
          return Effect().noReply();
        })
        .onCommand(RetryTask.class, (state, cmd) -> Effect().noReply());
    return builder.build();
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onSubmit(ExperimentState state, Submit cmd) {
    submitting = cmd.replyTo();
    return Effect()
        .persist(new ExperimentSubmitted(experimentId, cmd.plan(), cmd.scenarioText(), System.currentTimeMillis()))
        .thenRun(s -> {
          submitting = null;
          context.getLog().info("experiment {} is supervised on this node ({})", experimentId, context.getSystem().address());
          runners.startUnfinished(s);
        })
        .thenReply(cmd.replyTo(), s -> new ExperimentReply.Accepted(experimentId, s.eventCount()));
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onCancel(ExperimentState state, Cancel cmd) {
    return Effect()
        .persist(new ExperimentCancelled(cmd.reason(), System.currentTimeMillis()))
        .thenRun(s -> {
          wiring.cancellations().cancel(experimentId);
          runners.stopAll();
        })
        .thenReply(cmd.replyTo(), s -> new ExperimentReply.Accepted(experimentId, s.eventCount()));
  }

  /** Persists what the annotation changes (nothing when it changes nothing) and answers with the experiment's annotations. */
  private ReplyEffect<ExperimentEvent, ExperimentState> onAnnotate(ExperimentState state, Annotate cmd) {
    String refusal = state.refusal(cmd.event());
    if (refusal != null) return refuse(cmd.replyTo(), Refusal.CONFLICT, refusal);
    ExperimentEvent.Annotation effect = state.effect(cmd.event());
    var effects = effect == null ? Effect().none() : Effect().persist((ExperimentEvent) effect);
    return effects.thenReply(cmd.replyTo(), s -> new ExperimentReply.Annotated(experimentId, s.annotations(), s.eventCount()));
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onTaskDone(ExperimentState state, TaskDone done) {
    RunState run = state.run(done.runId());
    if (run.status().ended()) reuse.abandon(done.runId()); // cancelled meanwhile: waiters must not wait for it
    // a late or repeated report (the journal has this outcome), or one to an earlier request (an
    // attempt since retried, or sent before a journal failure's restart, which trains the task again)
    if (run.status().ended() || run.nextTask() != done.taskIndex() || !runners.current(done.runId(), done.attempt())) {
      return Effect().noReply();
    }
    TaskOutcome outcome = done.outcome();
    if (outcome instanceof TaskOutcome.Completed c) {
      return complete(state, new TaskCompleted(done.runId(), done.taskIndex(), c.metrics(), c.checkpoint(), c.checkpointSha256(),
          System.currentTimeMillis(), c.on(), reuse.key(state.plan(), done.runId(), done.taskIndex()).hex(), null, null));
    }
    if (outcome instanceof TaskOutcome.Cancelled) return interrupted(run, done);
    if (outcome instanceof TaskOutcome.CheckpointRejected rejected && done.taskIndex() > 0) {
      // the checkpoint is gone or altered: once that is recorded, its prefix must be trained again, by this run or any other
      int writer = done.taskIndex() - 1;
      return persist(state, List.of(new CheckpointRejected(done.runId(), writer, rejected.reason())), s -> {
        reuse.abandon(done.runId());
        reuse.forget(reuse.key(s.plan(), done.runId(), writer));
        runners.next(s, done.runId());
      });
    }
    if (outcome instanceof TaskOutcome.Failed f && f.retryable() && run.failedAttempts() + 1 < wiring.retries().maxAttempts()) {
      // the run keeps its claim on the prefix while it retries
      int attempt = run.failedAttempts() + 1;
      Duration wait = wiring.retries().backoff(attempt);
      return persist(state, List.of(new TaskAttemptFailed(done.runId(), done.taskIndex(), attempt, f.reason(), wait.toMillis())),
          s -> timers.startSingleTimer("retry-" + done.runId(), new RetryTask(done.runId(), done.taskIndex()), wait));
    }
    return persist(state, List.of(run.ending(done.taskIndex(), outcome)), s -> {
      reuse.abandon(done.runId());
      runners.stop(done.runId());
    });
  }

  /** A task stopped by a shutdown, not by a user's cancellation (that ended the run before). */
  private ReplyEffect<ExperimentEvent, ExperimentState> interrupted(RunState run, TaskDone done) {
    if (wiring.cancellations().stopping()) {
      // this daemon's: nothing is recorded; the task is trained again from its checkpoint at the next start
      context.getLog().info("run {} task {} interrupted by shutdown; it resumes at the next start", done.runId(), done.taskIndex());
      reuse.abandon(done.runId());
      return Effect().noReply();
    }
    // another node of the cluster, whose trainer had it: train the task again, on any trainer
    context.getLog().info("run {} task {} was stopped by another node's shutdown; training it again", done.runId(), done.taskIndex());
    return Effect().none().thenRun(s -> runners.train(run)).thenNoReply();
  }

  /**
   * Persists a task's completion (trained, or reused from another run's identical prefix), then
   * moves the run on: its next task, or its end (and the experiment's, when it was the last run).
   * A trained prefix becomes reusable once it is persisted.
   */
  private ReplyEffect<ExperimentEvent, ExperimentState> complete(ExperimentState state, TaskCompleted event) {
    boolean last = event.taskIndex() == state.plan().run(event.runId()).path().size() - 1;
    List<ExperimentEvent> events = last ? List.of(event, new RunFinished(event.runId())) : List.of(event);
    return persist(state, events, s -> {
      reuse.completed(event);
      if (last) runners.stop(event.runId());
      else runners.next(s, event.runId());
    });
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onPrefixAnswer(ExperimentState state, PrefixAnswer message) {
    PrefixRegistry.Answer answer = message.answer();
    RunState run = state.run(answer.runId());
    if (run.status().ended() || run.nextTask() != answer.taskIndex()) {
      if (answer instanceof PrefixRegistry.Train t) reuse.giveBack(t);
      return Effect().noReply();
    }
    if (answer instanceof PrefixRegistry.Ready ready) {
      context.getLog().info("run {} task {}: reusing the identical prefix trained by {}", run.runId(), answer.taskIndex(),
          ready.source().label());
      return complete(state, ready.source().completion().reusedBy(run.runId(), answer.taskIndex(), ready.source().label(),
          System.currentTimeMillis()));
    }
    reuse.answered(answer, state.plan(), () -> runners.train(run));
    return Effect().noReply();
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onRetry(ExperimentState state, RetryTask retry) {
    RunState run = state.run(retry.runId());
    if (!run.status().ended() && run.nextTask() == retry.taskIndex()) runners.train(run);
    return Effect().noReply();
  }

  /** Persists one step's events (and the experiment's end, when every run has ended), then runs {@code then}. */
  private ReplyEffect<ExperimentEvent, ExperimentState> persist(ExperimentState state, List<ExperimentEvent> events,
      java.util.function.Consumer<ExperimentState> then) {
    return Effect().persist(state.closing(events, System.currentTimeMillis())).thenRun(then::accept).thenNoReply();
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> refuse(ActorRef<ExperimentReply> replyTo, Refusal refusal, String why) {
    return Effect().reply(replyTo, ExperimentReply.refused(refusal, why));
  }

  @Override
  public SignalHandler<ExperimentState> signalHandler() {
    return newSignalHandlerBuilder()
        // stopped while its runs trained prefixes others wait for: they must not wait forever
        .onSignal(PostStop.class, (state, signal) -> reuse.abandonAll())
        .onSignal(JournalPersistFailed.class, (state, signal) -> journalFailed("write", signal.failure()))
        .onSignal(RecoveryFailed.class, (state, signal) -> journalFailed("read", signal.getFailure()))
        .onSignal(RecoveryCompleted.instance(), state -> {
          if (state.status() == ExperimentState.Status.CANCELLED) wiring.cancellations().cancel(experimentId);
          if (state.status() == ExperimentState.Status.RUNNING) {
            context.getLog().info("experiment {} recovered with {} of {} tasks done; resuming", experimentId,
                state.tasksCompleted(), state.plan().totalTasks());
            runners.startUnfinished(state);
          }
        })
        .build();
  }

  /** The journal failed a write or read, and the supervisor is about to restart ({@link JournalFailures}). */
  private void journalFailed(String what, Throwable failure) {
    JournalFailures.failed(context, experimentId, what, failure, submitting, reuse);
    submitting = null;
  }

  @Override
  public EventHandler<ExperimentState, ExperimentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(ExperimentState::apply);
  }
}
