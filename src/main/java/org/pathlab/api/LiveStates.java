package org.pathlab.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Source;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.LiveProgress;

/**
 * The read side's live model: every experiment's state, folded from one live query of the
 * journal's tagged events (one poll of the journal for the whole daemon, however many watch), and
 * pushed to whoever watches an experiment whenever an event or a live epoch changes it. Status and
 * watch streams are answered from here, never rebuilt per request or polled per watcher. Until the
 * journal's events up to the start have been folded it answers "not known", and callers fold from
 * the journal as before.
 */
public final class LiveStates {

  public sealed interface Command {}

  /**
   * The experiment's state and the last event folded into it, empty when not known (yet). The live
   * query polls the journal, so an event just persisted may not be in it: callers that must see
   * every recorded event fold the journal's events after {@link Known#sequenceNr()} onto it.
   */
  public record Get(String experimentId, ActorRef<Optional<Known>> replyTo) implements Command {}

  /** An experiment's state as of its event {@code sequenceNr}. */
  public record Known(ExperimentState state, long sequenceNr) {}

  /** Push {@link Update}s of this experiment to {@code subscriber} (at once when it is known) until it stops. */
  public record Subscribe(String experimentId, ActorRef<Update> subscriber) implements Command {}

  /** The experiment's state after an event, or again after a live epoch of one of its runs. */
  public record Update(ExperimentState state) {}

  private record Folded(String experimentId, long sequenceNr, ExperimentEvent event) implements Command {}

  private record CaughtUp() implements Command {}

  private record EpochChanged(String experimentId) implements Command {}

  private record Stopped(ActorRef<Update> subscriber) implements Command {}

  private final ActorContext<Command> context;
  private final Map<String, ExperimentState> states = new HashMap<>();
  /** The last event folded per experiment: a query restarted from an offset may deliver one twice. */
  private final Map<String, Long> folded = new HashMap<>();
  private final Map<String, Set<ActorRef<Update>>> watchers = new HashMap<>();
  private boolean caughtUp;

  public static Behavior<Command> create(JdbcReadJournal journal, LiveProgress progress) {
    return create(() -> journal.currentEventsByTag(ExperimentEvent.TAG, Offset.noOffset()),
        offset -> journal.eventsByTag(ExperimentEvent.TAG, offset), progress);
  }

  /**
   * {@code current}: the tagged events in the journal now (a finite stream); {@code live}: every
   * tagged event after an offset, never ending.
   */
  public static Behavior<Command> create(Supplier<Source<EventEnvelope, NotUsed>> current,
      Function<Offset, Source<EventEnvelope, NotUsed>> live, LiveProgress progress) {
    return Behaviors.setup(context -> {
      LiveStates states = new LiveStates(context);
      states.follow(current, live);
      ActorRef<Command> self = context.getSelf();
      progress.onChange(experimentId -> self.tell(new EpochChanged(experimentId)));
      return states.behavior();
    });
  }

  private LiveStates(ActorContext<Command> context) {
    this.context = context;
  }

  /** Everything in the journal now, then (after {@link CaughtUp}) every later event, live; restarted on failure. */
  private void follow(Supplier<Source<EventEnvelope, NotUsed>> current, Function<Offset, Source<EventEnvelope, NotUsed>> live) {
    ActorRef<Command> self = context.getSelf();
    AtomicReference<Offset> offset = new AtomicReference<>(Offset.noOffset());
    current.get()
        .runForeach(e -> fold(self, offset, e), context.getSystem())
        .whenComplete((done, failure) -> {
          if (failure != null) context.getLog().error("could not read the journal's events; status is folded per request", failure);
          self.tell(new CaughtUp());
          RestartSource.withBackoff(RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
                  () -> live.apply(offset.get()))
              .runForeach(e -> fold(self, offset, e), context.getSystem());
        });
  }

  private static void fold(ActorRef<Command> self, AtomicReference<Offset> offset, EventEnvelope envelope) {
    offset.set(envelope.offset());
    String id = ExperimentIds.experimentOf(envelope.persistenceId());
    if (id != null && envelope.event() instanceof ExperimentEvent e) self.tell(new Folded(id, envelope.sequenceNr(), e));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Folded.class, m -> {
          if (m.sequenceNr() <= folded.getOrDefault(m.experimentId(), 0L)) return Behaviors.same();
          folded.put(m.experimentId(), m.sequenceNr());
          ExperimentState next = states.getOrDefault(m.experimentId(), ExperimentState.empty(m.experimentId())).apply(m.event());
          states.put(m.experimentId(), next);
          push(m.experimentId());
          return Behaviors.same();
        })
        .onMessage(CaughtUp.class, m -> {
          caughtUp = true;
          return Behaviors.same();
        })
        .onMessage(EpochChanged.class, m -> {
          push(m.experimentId());
          return Behaviors.same();
        })
        .onMessage(Get.class, m -> {
          ExperimentState state = caughtUp ? states.get(m.experimentId()) : null;
          m.replyTo().tell(state == null ? Optional.empty() : Optional.of(new Known(state, folded.get(m.experimentId()))));
          return Behaviors.same();
        })
        .onMessage(Subscribe.class, m -> {
          watchers.computeIfAbsent(m.experimentId(), k -> new HashSet<>()).add(m.subscriber());
          context.watchWith(m.subscriber(), new Stopped(m.subscriber()));
          ExperimentState known = states.get(m.experimentId());
          if (caughtUp && known != null) m.subscriber().tell(new Update(known));
          return Behaviors.same();
        })
        .onMessage(Stopped.class, m -> {
          watchers.values().forEach(set -> set.remove(m.subscriber()));
          watchers.values().removeIf(Set::isEmpty);
          return Behaviors.same();
        })
        .build();
  }

  private void push(String experimentId) {
    ExperimentState state = states.get(experimentId);
    if (!caughtUp || state == null) return;
    for (ActorRef<Update> w : watchers.getOrDefault(experimentId, Set.of())) w.tell(new Update(state));
  }
}
