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
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.persistence.typed.JournalPersistFailed;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryFailed;
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
import org.pathlab.wire.PathlabSerializable;
import org.pathlab.storage.JournalFailed;
import org.pathlab.storage.StorageProbe;
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

  public sealed interface Command {}

  /** Start this experiment with a validated plan; replies with the experiment id. */
  public record Submit(Plan plan, String scenarioText, ActorRef<StatusReply<String>> replyTo) implements Command, PathlabSerializable {}

  public record GetState(ActorRef<ExperimentState> replyTo) implements Command, PathlabSerializable {}

  /** Stop every run within one epoch; replies with the experiment id. */
  public record Cancel(String reason, ActorRef<StatusReply<String>> replyTo) implements Command, PathlabSerializable {}

  /** From a runner: one task's outcome. */
  public record TaskDone(String runId, int taskIndex, TaskOutcome outcome, ActorRef<PathRunner.Command> runner)
      implements Command, PathlabSerializable {}

  /** From the supervisor's own timer: try a failed task again. */
  public record RetryTask(String runId, int taskIndex) implements Command, PathlabSerializable {}

  /** The prefix a waiting run needs was trained by another run (source present) or abandoned (empty: claim again). */
  public record PrefixSettled(String runId, int taskIndex, java.util.Optional<Prefixes.Source> source) implements Command {}

  /**
   * The answer to a {@link Submit} whose event the journal failed to write: the storage is at
   * fault, not the request (the HTTP API answers 503). Only its message crosses to the caller.
   */
  public static final class NotRecorded extends RuntimeException {
    public NotRecorded(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A journal that fails a write or a read (a full disk, a database outage) restarts the supervisor
   * after a pause that doubles up to 30 s; it then replays its events and resumes every unfinished
   * run, so it works again by itself once the journal does. Commands that arrive meanwhile wait.
   */
  private static final BackoffSupervisorStrategy ON_JOURNAL_FAILURE =
      SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)
          .withLoggingEnabled(false); // journalFailed logs each failure in one line

  /** How path prefixes are reused: the daemon's registry, its training signature, and its switch. */
  public record Reuse(Prefixes prefixes, String training, boolean enabled) {
    public static Reuse off() {
      return new Reuse(new Prefixes(), "cpu", false);
    }
  }

  private final String experimentId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ActorRef<Trainer.Command> trainer;
  private final Cancellations cancellations;
  private final RetryPolicy retries;
  private final Reuse reuse;
  /** Prefix keys this supervisor's runs are training for every run that waits on them, by run id. */
  private final java.util.Map<String, String> held = new java.util.HashMap<>();
  /** Who waits for the submission being persisted; told if the journal fails it (the restart forgets the command). */
  private ActorRef<StatusReply<String>> submitting;

  public static Behavior<Command> create(
      String experimentId, ActorRef<Trainer.Command> trainer, Cancellations cancellations, RetryPolicy retries) {
    return create(experimentId, trainer, cancellations, retries, Reuse.off());
  }

  public static Behavior<Command> create(
      String experimentId, ActorRef<Trainer.Command> trainer, Cancellations cancellations, RetryPolicy retries, Reuse reuse) {
    return Behaviors.withTimers(timers -> Behaviors.setup(
        context -> new ExperimentSupervisor(experimentId, context, timers, trainer, cancellations, retries, reuse)));
  }

  private ExperimentSupervisor(String experimentId, ActorContext<Command> context, TimerScheduler<Command> timers,
      ActorRef<Trainer.Command> trainer, Cancellations cancellations, RetryPolicy retries, Reuse reuse) {
    super(ExperimentIds.persistenceId(experimentId), ON_JOURNAL_FAILURE);
    this.reuse = reuse;
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
        .onCommand(PrefixSettled.class, this::onPrefixSettled)
        .onCommand(Cancel.class, this::onCancel);
    builder
        .forAnyState()
        .onCommand(Submit.class, (state, cmd) ->
            Effect().reply(cmd.replyTo(), StatusReply.error("experiment " + experimentId + " was already submitted")))
        .onCommand(Cancel.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            StatusReply.error("experiment " + experimentId + " has already ended (" + state.status().name().toLowerCase() + ")")))
        .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .onCommand(TaskDone.class, (state, cmd) -> {
          abandonHeld(cmd.runId());
          return Effect().noReply();
        })
        .onCommand(PrefixSettled.class, (state, cmd) -> Effect().noReply())
        .onCommand(RetryTask.class, (state, cmd) -> Effect().noReply());
    return builder.build();
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onSubmit(ExperimentState state, Submit cmd) {
    var event = new ExperimentSubmitted(experimentId, cmd.plan(), cmd.scenarioText(), System.currentTimeMillis());
    submitting = cmd.replyTo();
    return Effect()
        .persist(event)
        .thenRun(state2 -> submitting = null)
        .thenRun(state2 -> context.getLog().info("experiment {} is supervised on this node ({})", experimentId,
            context.getSystem().address()))
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
    if (run.status().ended()) abandonHeld(done.runId()); // cancelled meanwhile: waiters must not wait for it
    if (run.status().ended() || run.nextTask() != done.taskIndex()) {
      // A late or repeated report: the journal already has this task's outcome.
      return Effect().noReply();
    }
    if (!done.runner().equals(runner(done.runId()))) {
      // from a runner stopped by a restart after a journal failure: the run's new runner trains this task again
      return Effect().noReply();
    }
    if (done.outcome() instanceof TaskOutcome.Cancelled) {
      // Not a user's cancellation (that ended the run above): a daemon is shutting down.
      if (cancellations.stopping()) {
        // this one: nothing is recorded; the task is trained again from its checkpoint at the next start
        context.getLog().info("run {} task {} interrupted by shutdown; it resumes at the next start", done.runId(), done.taskIndex());
        abandonHeld(done.runId());
        return Effect().noReply();
      }
      // another node of the cluster, whose trainer had it: train the task again, on any trainer
      context.getLog().info("run {} task {} was stopped by another node's shutdown; training it again", done.runId(), done.taskIndex());
      TaskCompleted previous = run.last();
      PathRunner.TrainTask again = previous == null
          ? new PathRunner.TrainTask(done.taskIndex(), null, null)
          : new PathRunner.TrainTask(done.taskIndex(), previous.checkpoint(), previous.checkpointSha256());
      return Effect().none().thenRun(s -> done.runner().tell(again)).thenNoReply();
    }
    if (done.outcome() instanceof TaskOutcome.Completed c) {
      String key = prefixKey(state, done.runId(), done.taskIndex());
      TaskCompleted event = new TaskCompleted(done.runId(), done.taskIndex(), c.metrics(), c.checkpoint(), c.checkpointSha256(),
          System.currentTimeMillis(), c.device(), key, null);
      return complete(state, event, done.runner());
    }
    List<ExperimentEvent> events = new ArrayList<>();
    Runnable next;
    if (done.outcome() instanceof TaskOutcome.CheckpointRejected rejected && done.taskIndex() > 0) {
      abandonHeld(done.runId());
      int writer = done.taskIndex() - 1;
      // the checkpoint is gone or altered: its prefix must be trained again, by this run or any other
      if (reuse.enabled()) reuse.prefixes().forget(prefixKey(state, done.runId(), writer));
      events.add(new CheckpointRejected(done.runId(), writer, rejected.reason()));
      TaskCompleted before = writer == 0 ? null : run.completed().get(writer - 1);
      next = () -> startTask(state.plan(), done.runId(), writer, before, done.runner());
    } else if (done.outcome() instanceof TaskOutcome.Failed f && f.retryable() && run.failedAttempts() + 1 < retries.maxAttempts()) {
      // the run keeps its claim on the prefix while it retries
      int attempt = run.failedAttempts() + 1;
      Duration wait = retries.backoff(attempt);
      events.add(new TaskAttemptFailed(done.runId(), done.taskIndex(), attempt, f.reason(), wait.toMillis()));
      next = () -> timers.startSingleTimer("retry-" + done.runId(), new RetryTask(done.runId(), done.taskIndex()), wait);
    } else {
      abandonHeld(done.runId());
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

  /**
   * Persists a task's completion (trained, or reused from another run's identical prefix), then
   * moves the run on: its next task, or its end (and the experiment's, when it was the last run).
   * A trained prefix becomes reusable once it is persisted.
   */
  private ReplyEffect<ExperimentEvent, ExperimentState> complete(ExperimentState state, TaskCompleted event,
      ActorRef<PathRunner.Command> runner) {
    RunSpec spec = state.plan().run(event.runId());
    List<ExperimentEvent> events = new ArrayList<>();
    events.add(event);
    boolean last = event.taskIndex() == spec.path().size() - 1;
    if (last) events.add(new RunFinished(event.runId()));
    ExperimentState after = state;
    for (ExperimentEvent e : events) after = after.apply(e);
    if (after.allRunsEnded()) events.add(new ExperimentFinished(System.currentTimeMillis()));
    return Effect().persist(events).thenRun(s -> {
      if (reuse.enabled() && !event.reused() && event.prefixKey() != null) {
        Prefixes.Source source = new Prefixes.Source(experimentId, event.runId(), event.taskIndex(), event);
        if (held.remove(event.runId()) != null) reuse.prefixes().completed(event.prefixKey(), source);
        else reuse.prefixes().load(event.prefixKey(), source);
      }
      if (last) {
        if (runner != null) context.stop(runner);
      } else {
        startTask(s.plan(), event.runId(), event.taskIndex() + 1, event, runner);
      }
    }).thenNoReply();
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> onPrefixSettled(ExperimentState state, PrefixSettled settled) {
    RunState run = state.run(settled.runId());
    if (run.status().ended() || run.nextTask() != settled.taskIndex()) return Effect().noReply();
    ActorRef<PathRunner.Command> runner = runner(settled.runId());
    if (settled.source().isPresent()) return reuse(state, settled.runId(), settled.taskIndex(), settled.source().get(), runner);
    // the run that trained it gave up: claim it again (this run may train it now)
    return Effect().none().thenRun(s -> startTask(s.plan(), settled.runId(), settled.taskIndex(), run.last(), runner)).thenNoReply();
  }

  private ReplyEffect<ExperimentEvent, ExperimentState> reuse(ExperimentState state, String runId, int taskIndex,
      Prefixes.Source source, ActorRef<PathRunner.Command> runner) {
    TaskCompleted from = source.completion();
    context.getLog().info("run {} task {}: reusing the identical prefix trained by {}", runId, taskIndex, source.label());
    TaskCompleted event = new TaskCompleted(runId, taskIndex, from.metrics(), from.checkpoint(), from.checkpointSha256(),
        System.currentTimeMillis(), from.device(), prefixKey(state, runId, taskIndex), source.label());
    return complete(state, event, runner);
  }

  /**
   * Starts task {@code taskIndex} of a run, from the checkpoint of {@code previous} (null: fresh):
   * with reuse on, it claims the task's prefix first — reused at once when it is known, waited for
   * when another run trains it now, trained by this run's runner otherwise.
   */
  private void startTask(Plan plan, String runId, int taskIndex, TaskCompleted previous, ActorRef<PathRunner.Command> runner) {
    PathRunner.TrainTask train = previous == null
        ? new PathRunner.TrainTask(taskIndex, null, null)
        : new PathRunner.TrainTask(taskIndex, previous.checkpoint(), previous.checkpointSha256());
    if (!reuse.enabled() || !plan.reuse()) {
      runner.tell(train);
      return;
    }
    String key = PrefixKey.of(plan, plan.run(runId), taskIndex, reuse.training());
    ActorRef<Command> self = context.getSelf();
    Prefixes.Claim claim = reuse.prefixes().claim(key, source -> self.tell(new PrefixSettled(runId, taskIndex, source)));
    if (claim instanceof Prefixes.Reuse r) {
      self.tell(new PrefixSettled(runId, taskIndex, java.util.Optional.of(r.source())));
    } else if (claim instanceof Prefixes.Train) {
      held.put(runId, key);
      runner.tell(train);
    } else {
      context.getLog().debug("run {} task {} waits for the identical prefix another run is training", runId, taskIndex);
    }
  }

  private String prefixKey(ExperimentState state, String runId, int taskIndex) {
    return PrefixKey.of(state.plan(), state.plan().run(runId), taskIndex, reuse.training());
  }

  private void abandonHeld(String runId) {
    String key = held.remove(runId);
    if (key != null) reuse.prefixes().abandoned(key);
  }

  @SuppressWarnings("unchecked")
  private ActorRef<PathRunner.Command> runner(String runId) {
    return context.getChild("run-" + runId).map(c -> (ActorRef<PathRunner.Command>) (ActorRef<?>) c).orElse(null);
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
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, (state, signal) -> {
          // stopped while its runs trained prefixes others wait for: they must not wait forever
          for (String runId : List.copyOf(held.keySet())) abandonHeld(runId);
        })
        .onSignal(JournalPersistFailed.class, (state, signal) -> journalFailed("write", signal.failure()))
        .onSignal(RecoveryFailed.class, (state, signal) -> journalFailed("read", signal.getFailure()))
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

  /**
   * The journal failed this supervisor's write or read, and it is about to restart (stopping its
   * runners): the storage monitor hears of it at once, a waiting submitter gets an answer, and runs
   * that wait on a prefix these runners were training claim it again.
   */
  private void journalFailed(String what, Throwable failure) {
    String reason = StorageProbe.reason(failure);
    context.getLog().error("experiment {}: the journal failed to {} its events ({}); recovering from the journal with backoff",
        experimentId, what, reason);
    context.getSystem().eventStream().tell(new EventStream.Publish<>(new JournalFailed(experimentId, reason)));
    if (submitting != null) {
      submitting.tell(StatusReply.error(new NotRecorded("the journal could not record the submission (" + reason
          + "), so nothing was submitted; submit again once GET /api/health answers 200")));
      submitting = null;
    }
    for (String runId : List.copyOf(held.keySet())) abandonHeld(runId);
  }

  /** Starts a runner for every run that has not ended, at its next task. */
  private void startUnfinishedRuns(ExperimentState state) {
    for (RunState run : state.runs()) {
      if (run.status().ended()) continue;
      RunSpec spec = state.plan().run(run.runId());
      ActorRef<PathRunner.Command> runner =
          context.spawn(PathRunner.create(experimentId, state.plan(), spec, trainer, context.getSelf()), "run-" + run.runId());
      TaskCompleted last = run.last();
      startTask(state.plan(), run.runId(), last == null ? 0 : last.taskIndex() + 1, last, runner);
    }
  }

  @Override
  public EventHandler<ExperimentState, ExperimentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(ExperimentState::apply);
  }
}
