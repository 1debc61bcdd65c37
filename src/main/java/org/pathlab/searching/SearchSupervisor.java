package org.pathlab.searching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.pathlab.experiment.ExperimentReply;
import org.pathlab.experiment.ExperimentReply.Refusal;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.ExperimentSupervisor;
import org.pathlab.experiment.Experiments;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.SearchSpec;
import org.pathlab.search.Evaluations;
import org.pathlab.search.JobResult;
import org.pathlab.search.Schedule;
import org.pathlab.search.SearchEvent;
import org.pathlab.search.SearchState;
import org.pathlab.search.SearchEvent.ConfirmationStarted;
import org.pathlab.search.SearchEvent.JobScored;
import org.pathlab.search.SearchEvent.JobStarted;
import org.pathlab.search.SearchState.Status;

/**
 * One per search; the single writer of its events. It evaluates paths by submitting ordinary
 * experiments to {@link Experiments} (named after itself, so that a restart finds them again),
 * watches them end, persists each result, and hands out what the results call for ({@link
 * Schedule}); when the search phase ends it submits the confirmation and finishes when that ends.
 * Persist first, then act: an evaluation is recorded before its experiment is submitted, and one
 * found not submitted after a restart is submitted then.
 */
public final class SearchSupervisor extends EventSourcedBehaviorWithEnforcedReplies<SearchSupervisor.Command, SearchEvent, SearchState> {

  public sealed interface Command {}

  /** Start this search; replies {@link ExperimentReply.Accepted} with its id. */
  public record Submit(Plan plan, SearchSpec spec, String scenarioText, ActorRef<ExperimentReply> replyTo) implements Command {}

  public record GetState(ActorRef<SearchState> replyTo) implements Command {}

  /** Stop: nothing more is started, the evaluations in flight and the confirmation are cancelled. */
  public record Cancel(String reason, ActorRef<ExperimentReply> replyTo) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private enum Advance implements Command { INSTANCE }

  /** An experiment's state (an evaluation's or the confirmation's: its id says which). */
  private record Observed(ExperimentState state) implements Command {}

  /** Evaluation {@code index}'s scenario could not be read (the files it names changed since): it fails. */
  private record Unreadable(int index, String reason) implements Command {}

  /** What a search needs of the daemon: where experiments go, how a scenario text becomes a plan, how often to look at its experiments. */
  public record Wiring(ActorRef<Experiments.Command> experiments, Function<String, Plan> admit, Duration poll) {}

  private static final int CONFIRMATION = -1;

  private final String searchId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Wiring wiring;
  private final ActorRef<ExperimentReply> ignore;
  /** One adapter for every experiment's state (an actor keeps one adapter per message class). */
  private final ActorRef<ExperimentState> observed;

  public static Behavior<Command> create(String searchId, Wiring wiring) {
    return Behaviors.withTimers(timers -> Behaviors.setup(context -> new SearchSupervisor(searchId, context, timers, wiring)));
  }

  private SearchSupervisor(String searchId, ActorContext<Command> context, TimerScheduler<Command> timers, Wiring wiring) {
    super(persistenceId(searchId), SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
    this.searchId = searchId;
    this.context = context;
    this.timers = timers;
    this.wiring = wiring;
    this.ignore = context.messageAdapter(ExperimentReply.class, r -> Tick.INSTANCE);
    this.observed = context.messageAdapter(ExperimentState.class, Observed::new);
  }

  /** The entity type of searches' persistence ids ({@code search|ID}). */
  public static final String ENTITY = "search";

  public static PersistenceId persistenceId(String searchId) {
    return PersistenceId.of(ENTITY, searchId);
  }

  @Override
  public SearchState emptyState() {
    return SearchState.empty(searchId);
  }

  @Override
  public Set<String> tagsFor(SearchEvent event) {
    return Set.of(SearchEvent.TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, SearchEvent, SearchState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder.forState(s -> s.status() == Status.EMPTY)
        .onCommand(Submit.class, this::onSubmit)
        .onCommand(Cancel.class, (s, c) -> Effect().reply(c.replyTo(), ExperimentReply.refused(Refusal.NOT_FOUND, "no search " + searchId)));
    builder.forState(s -> !s.status().ended() && s.status() != Status.EMPTY)
        .onCommand(Tick.class, this::onTick)
        .onCommand(Advance.class, this::onAdvance)
        .onCommand(Observed.class, this::onObserved)
        .onCommand(Unreadable.class, (s, u) -> s.results().get(u.index()) != null ? Effect().noReply()
            : Effect().persist(new JobScored(u.index(), new JobResult(List.of(), List.of(), u.reason(), List.of())))
                .thenRun(x -> context.getSelf().tell(Advance.INSTANCE)).thenNoReply())
        .onCommand(Cancel.class, this::onCancel);
    builder.forAnyState()
        .onCommand(GetState.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .onCommand(Submit.class, (s, c) -> Effect().reply(c.replyTo(), ExperimentReply.refused(Refusal.CONFLICT, "search " + searchId
            + " was already submitted")))
        .onCommand(Cancel.class, (s, c) -> Effect().reply(c.replyTo(), ExperimentReply.refused(Refusal.CONFLICT, "search " + searchId
            + " has already ended (" + s.status().name().toLowerCase() + ")")))
        .onAnyCommand(c -> Effect().noReply());
    return builder.build();
  }

  private ReplyEffect<SearchEvent, SearchState> onSubmit(SearchState s, Submit c) {
    return Effect().persist(new SearchEvent.SearchSubmitted(searchId, c.plan(), c.spec(), c.scenarioText(), System.currentTimeMillis()))
        .thenRun(this::resume)
        .thenReply(c.replyTo(), x -> new ExperimentReply.Accepted(searchId, 1));
  }

  /** Look at every experiment in flight. */
  private ReplyEffect<SearchEvent, SearchState> onTick(SearchState s, Tick t) {
    for (JobStarted job : s.jobs()) {
      if (s.results().get(job.index()) == null) wiring.experiments().tell(new Experiments.Get(job.experimentId(), observed));
    }
    if (s.confirmation() != null) wiring.experiments().tell(new Experiments.Get(s.confirmation().experimentId(), observed));
    return Effect().noReply();
  }

  /** Which of this search's experiments {@code experimentId} is: an evaluation's index, {@link #CONFIRMATION}, or null. */
  private static Integer indexOf(SearchState s, String experimentId) {
    if (s.confirmation() != null && s.confirmation().experimentId().equals(experimentId)) return CONFIRMATION;
    for (JobStarted job : s.jobs()) if (job.experimentId().equals(experimentId)) return job.index();
    return null;
  }

  private ReplyEffect<SearchEvent, SearchState> onObserved(SearchState s, Observed o) {
    ExperimentState e = o.state();
    Integer index = indexOf(s, e.experimentId());
    if (index == null) return Effect().noReply();
    if (e.status() == ExperimentState.Status.EMPTY) {
      // recorded here, never submitted (the daemon died in between, or the journal refused it): submit it now
      if (index == CONFIRMATION) submitConfirmation(s);
      else if (s.results().get(index) == null) submitJob(s, s.jobs().get(index));
      return Effect().noReply();
    }
    if (e.status() == ExperimentState.Status.RUNNING) return Effect().noReply();
    if (index == CONFIRMATION) {
      return s.status() != Status.CONFIRMING ? Effect().noReply()
          : Effect().persist(new SearchEvent.SearchFinished(System.currentTimeMillis(), e.eventCount())).thenRun(x -> timers.cancelAll()).thenNoReply();
    }
    if (s.results().get(index) != null) return Effect().noReply();
    JobStarted job = s.jobs().get(index);
    JobResult result = Evaluations.result(s, new Schedule.Job(job.index(), job.candidate(), job.rung(), job.seeds()), e);
    return Effect().persist(new JobScored(index, result)).thenRun(x -> context.getSelf().tell(Advance.INSTANCE)).thenNoReply();
  }

  /** Start what the results so far call for: the evaluations due, or the confirmation once the search phase is over. */
  private ReplyEffect<SearchEvent, SearchState> onAdvance(SearchState s, Advance a) {
    if (s.status() != Status.SEARCHING) return Effect().noReply();
    Schedule schedule = s.schedule();
    List<SearchEvent> events = new ArrayList<>();
    for (Schedule.Job job : schedule.jobs().subList(s.jobs().size(), schedule.jobs().size())) {
      events.add(new JobStarted(job.index(), job.candidate(), job.rung(), job.seeds(), SearchState.jobExperiment(searchId, job.index())));
    }
    if (schedule.searchEnded() && s.results().stream().allMatch(r -> r != null)) {
      List<Integer> top = schedule.top(s.spec().top());
      events.add(top.isEmpty() ? new SearchEvent.SearchFinished(System.currentTimeMillis(), 0)
          : new ConfirmationStarted(top, SearchState.confirmationExperiment(searchId)));
    }
    if (events.isEmpty()) return Effect().noReply();
    int before = s.jobs().size();
    return Effect().persist(events).thenRun(after -> {
      for (JobStarted job : after.jobs().subList(before, after.jobs().size())) submitJob(after, job);
      if (after.status() == Status.CONFIRMING && s.status() == Status.SEARCHING) submitConfirmation(after);
      if (after.status().ended()) timers.cancelAll();
    }).thenNoReply();
  }

  private ReplyEffect<SearchEvent, SearchState> onCancel(SearchState s, Cancel c) {
    return Effect().persist(new SearchEvent.SearchCancelled(c.reason(), System.currentTimeMillis())).thenRun(after -> {
      timers.cancelAll();
      for (JobStarted job : after.jobs()) {
        if (after.results().get(job.index()) == null) cancel(job.experimentId(), c.reason());
      }
      if (after.confirmation() != null) cancel(after.confirmation().experimentId(), c.reason());
    }).thenReply(c.replyTo(), x -> new ExperimentReply.Accepted(searchId, 0));
  }

  private void cancel(String experimentId, String reason) {
    wiring.experiments().tell(new Experiments.To(experimentId, new ExperimentSupervisor.Cancel(reason + " (search " + searchId + ")", ignore)));
  }

  private void submitJob(SearchState s, JobStarted job) {
    String text = Evaluations.job(s, new Schedule.Job(job.index(), job.candidate(), job.rung(), job.seeds()));
    submit(job.experimentId(), text, job.index());
  }

  private void submitConfirmation(SearchState s) {
    String text = Evaluations.confirmation(s, s.confirmation().top(), List.of("the confirmation of search " + s.searchId()
        + ": its " + s.confirmation().top().size() + " best paths on seeds it never saw"));
    submit(s.confirmation().experimentId(), text, CONFIRMATION);
  }

  private void submit(String experimentId, String text, int index) {
    Plan plan;
    try {
      plan = wiring.admit().apply(text);
    } catch (RuntimeException e) {
      context.getLog().error("search {}: the scenario of {} cannot be read: {}", searchId, experimentId, e.getMessage());
      if (index != CONFIRMATION) context.getSelf().tell(new Unreadable(index, "its scenario cannot be read: " + e.getMessage()));
      return;
    }
    wiring.experiments().tell(new Experiments.Named(experimentId, new ExperimentSupervisor.Submit(plan, text, ignore)));
  }

  /** After the submission or a recovery: look at the experiments regularly, and start what is due. */
  private void resume(SearchState s) {
    if (s.status().ended() || s.status() == Status.EMPTY) return;
    timers.startTimerWithFixedDelay(Tick.INSTANCE, wiring.poll());
    context.getSelf().tell(Advance.INSTANCE);
    context.getSelf().tell(Tick.INSTANCE);
  }

  @Override
  public EventHandler<SearchState, SearchEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(SearchState::apply);
  }

  @Override
  public SignalHandler<SearchState> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::resume).build();
  }
}
