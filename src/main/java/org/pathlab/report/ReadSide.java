package org.pathlab.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.pathlab.experiment.ExperimentState;

/**
 * The daemon's one read model in memory: every experiment's state as {@link ReportProjection} folded
 * it (its rows at start, then each group it folds), answering status, detail, lists and reports,
 * and pushing each change to whoever watches an experiment. It folds nothing itself: the projection
 * is the only fold of the read side.
 *
 * <p>Read your writes: a command answered through this daemon names the sequence number of the
 * experiment's last event ({@link Recorded}); a read of that experiment (or a list) is answered once
 * the projection has reached it, waiting at most {@code wait}; past that it fails, never answering
 * with a state older than a write its caller was told about.
 */
public final class ReadSide {

  public sealed interface Command {}

  /** States the projection has just folded (one per experiment a group of events touched), up to the journal's event {@code offset}. */
  public record Projected(List<ExperimentState> states, long offset) implements Command {}

  /**
   * Where the read side starts: the read model's rows, the projection's offset, and the journal's
   * last event then ({@code journalEnd}). Lists, and reads of an experiment without a row, wait
   * until the projection has folded that far, so an experiment in the journal is never answered as
   * unknown while the projection catches up; an experiment with a row is answered from it at once
   * (after an unclean stop it may be a few events behind until the projection is past the stop's gap).
   */
  public record Start(List<ExperimentState> rows, long offset, CompletionStage<Long> journalEnd) {
    public Start(List<ExperimentState> rows, long offset, long journalEnd) {
      this(rows, offset, java.util.concurrent.CompletableFuture.completedFuture(journalEnd));
    }
  }

  /** The journal's last event at the start, once its query answered. */
  private record EndKnown(long journalEnd, Throwable failure) implements Command {}

  /** A command recorded the experiment's events up to {@code sequenceNr}; reads of it wait for them. */
  public record Recorded(String experimentId, long sequenceNr) implements Command {}

  /** The experiment's state, empty when no experiment has this id. */
  public record Get(String experimentId, ActorRef<StatusReply<Optional<ExperimentState>>> replyTo) implements Command {}

  /** Every experiment, oldest first. */
  public record ListAll(ActorRef<StatusReply<List<ExperimentState>>> replyTo) implements Command {}

  /** Push {@link Update}s of this experiment to {@code subscriber} (at once when it is known) until it stops. */
  public record Subscribe(String experimentId, ActorRef<Update> subscriber) implements Command {}

  /** The experiment's state after an event, or again after a live epoch of one of its runs. */
  public record Update(ExperimentState state) {}

  /** A run of the experiment reported a live epoch: its watchers hear the state again. */
  public record EpochChanged(String experimentId) implements Command {}

  private record Loaded(Start start, Throwable failure) implements Command {}

  private record Reload() implements Command {}
  /** Of an id this side does not know: its read-model row, and whether the journal has it (then a read waits for the projection). */
  public record Found(Optional<ExperimentState> row, boolean inJournal) {}

  private record Looked(String experimentId, Found found, Throwable failure,
      ActorRef<StatusReply<Optional<ExperimentState>>> replyTo) implements Command {}

  private record Stopped(ActorRef<Update> subscriber) implements Command {}

  private record Expired(long waiter) implements Command {}

  /** A read waiting for the projection: answered by {@code answer} once {@code ready}, or failed at its deadline. */
  private record Waiter(long id, Supplier<Boolean> ready, Runnable answer, Runnable expire) {}

  private static final Duration RELOAD = Duration.ofSeconds(2);

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Supplier<CompletionStage<Start>> start;
  private final Function<String, CompletionStage<Found>> lookup;
  private final Duration wait;
  private final Map<String, ExperimentState> states = new HashMap<>();
  /** The last event a command through this daemon recorded, per experiment. */
  private final Map<String, Long> recorded = new HashMap<>();
  private final Map<String, Set<ActorRef<Update>>> watchers = new HashMap<>();
  private final List<Waiter> waiting = new ArrayList<>();
  private boolean loaded;
  private boolean endKnown;
  /** The last journal event the projection has folded, and the journal's end when the daemon started. */
  private long folded;
  private long startEnd;
  private long nextWaiter;

  /**
   * {@code start}: where to start (again after a failure); {@code lookup}: for an id not known here
   * (in a cluster, written through another node); {@code wait}: the longest a read waits.
   */
  public static Behavior<Command> create(Supplier<CompletionStage<Start>> start,
      Function<String, CompletionStage<Found>> lookup, Duration wait) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      ReadSide side = new ReadSide(context, timers, start, lookup, wait);
      side.load();
      return side.behavior();
    }));
  }

  private ReadSide(ActorContext<Command> context, TimerScheduler<Command> timers,
      Supplier<CompletionStage<Start>> start, Function<String, CompletionStage<Found>> lookup, Duration wait) {
    this.context = context;
    this.timers = timers;
    this.start = start;
    this.lookup = lookup;
    this.wait = wait;
  }

  private void load() {
    ActorRef<Command> self = context.getSelf();
    start.get().whenComplete((at, failure) -> self.tell(new Loaded(at, failure)));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Projected.class, m -> {
          m.states().forEach(this::merge);
          folded = Math.max(folded, m.offset());
          settle();
          return Behaviors.same();
        })
        .onMessage(Loaded.class, m -> {
          if (m.failure() != null) {
            context.getLog().error("could not read the read model; trying again in {} s", RELOAD.toSeconds(), m.failure());
            timers.startSingleTimer(new Reload(), RELOAD);
            return Behaviors.same();
          }
          m.start().rows().forEach(this::merge);
          folded = Math.max(folded, m.start().offset());
          loaded = true;
          ActorRef<Command> self = context.getSelf();
          m.start().journalEnd().whenComplete((end, failure) -> self.tell(new EndKnown(failure == null ? end : 0, failure)));
          settle();
          return Behaviors.same();
        })
        .onMessage(EndKnown.class, m -> {
          if (m.failure() != null) context.getLog().error("could not read the journal's end at start; lists answer from what is folded", m.failure());
          startEnd = m.journalEnd();
          endKnown = true;
          settle();
          return Behaviors.same();
        })
        .onMessage(Reload.class, m -> {
          load();
          return Behaviors.same();
        })
        .onMessage(Recorded.class, m -> {
          recorded.merge(m.experimentId(), m.sequenceNr(), Math::max);
          return Behaviors.same();
        })
        .onMessage(Get.class, m -> {
          String id = m.experimentId();
          await(() -> (states.containsKey(id) ? loaded : ready()) && sequenceNr(id) >= recorded.getOrDefault(id, 0L),
              () -> answer(id, m.replyTo()),
              () -> m.replyTo().tell(StatusReply.error(behind("experiment " + id))));
          return Behaviors.same();
        })
        .onMessage(ListAll.class, m -> {
          await(() -> ready() && recorded.entrySet().stream().allMatch(e -> sequenceNr(e.getKey()) >= e.getValue()),
              () -> m.replyTo().tell(StatusReply.success(list())),
              () -> m.replyTo().tell(StatusReply.error(behind("the experiments"))));
          return Behaviors.same();
        })
        .onMessage(Looked.class, m -> {
          if (m.failure() != null) {
            context.getLog().error("could not read experiment {} from the read model", m.experimentId(), m.failure());
            m.replyTo().tell(StatusReply.error("the read model could not be read just now; GET /api/health and the daemon's log say why"));
            return Behaviors.same();
          }
          m.found().row().ifPresent(this::merge);
          String id = m.experimentId();
          if (!states.containsKey(id) && m.found().inJournal()) {
            // recorded, not yet folded: answered once the projection has it
            recorded.merge(id, 1L, Math::max);
            await(() -> sequenceNr(id) >= 1, () -> m.replyTo().tell(StatusReply.success(Optional.of(states.get(id)))),
                () -> m.replyTo().tell(StatusReply.error(behind("experiment " + id))));
          } else {
            m.replyTo().tell(StatusReply.success(Optional.ofNullable(states.get(id))));
          }
          return Behaviors.same();
        })
        .onMessage(Expired.class, m -> {
          for (Iterator<Waiter> i = waiting.iterator(); i.hasNext(); ) {
            Waiter w = i.next();
            if (w.id() == m.waiter()) {
              i.remove();
              w.expire().run();
            }
          }
          return Behaviors.same();
        })
        .onMessage(Subscribe.class, m -> {
          watchers.computeIfAbsent(m.experimentId(), k -> new HashSet<>()).add(m.subscriber());
          context.watchWith(m.subscriber(), new Stopped(m.subscriber()));
          ExperimentState known = states.get(m.experimentId());
          if (known != null) m.subscriber().tell(new Update(known));
          return Behaviors.same();
        })
        .onMessage(Stopped.class, m -> {
          watchers.values().forEach(set -> set.remove(m.subscriber()));
          watchers.values().removeIf(Set::isEmpty);
          return Behaviors.same();
        })
        .onMessage(EpochChanged.class, m -> {
          push(m.experimentId());
          return Behaviors.same();
        })
        .build();
  }

  /** Keeps the newer state: fewer events is older (a rebuild folding again, or rows loaded after a group). */
  private void merge(ExperimentState state) {
    if (state.plan() == null || state.eventCount() <= sequenceNr(state.experimentId())) return;
    states.put(state.experimentId(), state);
    push(state.experimentId());
  }

  /** The state; for an id not known here, what the read model and the journal say of it. */
  private void answer(String id, ActorRef<StatusReply<Optional<ExperimentState>>> replyTo) {
    if (states.containsKey(id)) {
      replyTo.tell(StatusReply.success(Optional.of(states.get(id))));
      return;
    }
    ActorRef<Command> self = context.getSelf();
    lookup.apply(id).whenComplete((found, failure) -> self.tell(new Looked(id, found, failure, replyTo)));
  }

  /** Loaded, and the projection has folded the journal as it was when the daemon started. */
  private boolean ready() {
    return loaded && endKnown && folded >= startEnd;
  }

  private long sequenceNr(String experimentId) {
    ExperimentState s = states.get(experimentId);
    return s == null ? 0 : s.eventCount();
  }

  private List<ExperimentState> list() {
    List<ExperimentState> all = new ArrayList<>(states.values());
    all.sort(Comparator.comparingLong(ExperimentState::submittedAtMillis).thenComparing(ExperimentState::experimentId));
    return all;
  }

  private void await(Supplier<Boolean> ready, Runnable answer, Runnable expire) {
    if (ready.get()) {
      answer.run();
      return;
    }
    long id = nextWaiter++;
    waiting.add(new Waiter(id, ready, answer, expire));
    timers.startSingleTimer("wait-" + id, new Expired(id), wait);
  }

  /** Answers every waiting read the projection has now caught up with. */
  private void settle() {
    for (Iterator<Waiter> i = waiting.iterator(); i.hasNext(); ) {
      Waiter w = i.next();
      if (w.ready().get()) {
        i.remove();
        timers.cancel("wait-" + w.id());
        w.answer().run();
      }
    }
  }

  private String behind(String what) {
    return "the read side has not caught up with the journal for " + what + " within " + wait.toSeconds()
        + " s; try again (GET /api/reports/progress says how far the report projection has read, the daemon's log why it is behind)";
  }

  private void push(String experimentId) {
    ExperimentState state = states.get(experimentId);
    if (state == null) return;
    for (ActorRef<Update> w : watchers.getOrDefault(experimentId, Set.of())) w.tell(new Update(state));
  }
}
