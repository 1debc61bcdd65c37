package org.pathlab.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;

/**
 * Answers status and report questions from the journal alone (never from training code or a
 * supervisor's memory): it reads an experiment's persisted events and folds them.
 */
public final class Reporter {

  public sealed interface Command {}

  public record GetState(String experimentId, ActorRef<StatusReply<Optional<ExperimentState>>> replyTo) implements Command {}

  /**
   * {@code known}, the experiment's state as of its event {@code sequenceNr}, with the journal's
   * later events folded in: the state as of its last persisted event.
   */
  public record CatchUp(ExperimentState known, long sequenceNr, ActorRef<StatusReply<Optional<ExperimentState>>> replyTo)
      implements Command {}

  /** The experiment's events in journal order (empty when there are none). */
  public record GetEvents(String experimentId, ActorRef<StatusReply<List<Object>>> replyTo) implements Command {}

  /** Every experiment in the journal, oldest first. */
  public record ListExperiments(ActorRef<StatusReply<List<ExperimentState>>> replyTo) implements Command {}

  // Futures complete off the actor: they must not touch its context, so they log here.
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Reporter.class);

  private Reporter() {}

  /** Starts rebuilding the read model and every report file from the journal's first event. */
  public record Rebuild(ActorRef<RebuildStarted> replyTo) implements Command {}

  /** {@code target}: the journal's last event when the rebuild began; it is done when the offset reaches it. */
  public record RebuildStarted(long target) {}

  /** Where the projection stands. */
  public record GetProgress(ActorRef<Progress> replyTo) implements Command {}

  /**
   * {@code offset}: the last event the read model includes; {@code journalEnd}: the journal's last
   * event; {@code unwritten}: experiments whose report files could not be written since the last rebuild began.
   */
  public record Progress(long offset, long journalEnd, long unwritten) {}

  /**
   * Status and reports of one experiment are folds of its events, read from the journal when
   * asked; the list of experiments comes from the projection's read model ({@code projection}) for
   * ended experiments, and from the journal for those still running or not yet projected, so a list
   * is never behind the journal.
   */
  public static <J extends CurrentPersistenceIdsQuery & CurrentEventsByPersistenceIdQuery>
      Behavior<Command> create(J journal, ReportProjection projection) {
    return Behaviors.setup(context -> {
      ActorSystem<?> system = context.getSystem();
      Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("pekko.projection.jdbc.blocking-jdbc-dispatcher"));
      return Behaviors.receive(Command.class)
          .onMessage(GetState.class, m -> {
            fold(journal, system, m.experimentId()).whenComplete(answer(m.replyTo(), "read experiment " + m.experimentId()));
            return Behaviors.same();
          })
          .onMessage(CatchUp.class, m -> {
            foldAfter(journal, system, m.known(), m.sequenceNr()).thenApply(Optional::of)
                .whenComplete(answer(m.replyTo(), "read experiment " + m.known().experimentId()));
            return Behaviors.same();
          })
          .onMessage(GetEvents.class, m -> {
            String pid = ExperimentIds.persistenceId(m.experimentId()).id();
            journal.currentEventsByPersistenceId(pid, 0L, Long.MAX_VALUE)
                .map(envelope -> envelope.event())
                .runWith(Sink.seq(), system)
                .thenApply(events -> (List<Object>) List.copyOf(events))
                .whenComplete(answer(m.replyTo(), "read the events of " + m.experimentId()));
            return Behaviors.same();
          })
          .onMessage(ListExperiments.class, m -> {
            list(journal, projection, system, blocking).whenComplete(answer(m.replyTo(), "list the experiments"));
            return Behaviors.same();
          })
          .onMessage(Rebuild.class, m -> {
            projection.resetUnwritten();
            CompletableFuture.supplyAsync(() -> journalEnd(projection), blocking)
                .thenCompose(target -> ProjectionManagement.get(system).clearOffset(ReportProjection.ID).thenApply(done -> target))
                .whenComplete((target, failure) -> {
                  if (failure != null) LOG.error("could not start rebuilding the reports", failure);
                  else LOG.info("rebuilding the read model and every report from the journal (up to event {})", target);
                  m.replyTo().tell(new RebuildStarted(failure == null ? target : -1));
                });
            return Behaviors.same();
          })
          .onMessage(GetProgress.class, m -> {
            CompletableFuture.supplyAsync(() -> journalEnd(projection), blocking)
                .thenCompose(end -> ProjectionManagement.get(system).<Offset>getOffset(ReportProjection.ID)
                    .thenApply(offset -> new Progress(offset.map(o -> ((Sequence) o).value()).orElse(0L), end,
                        projection.unwritten())))
                .whenComplete((progress, failure) -> m.replyTo().tell(failure == null ? progress : new Progress(-1, -1, 0)));
            return Behaviors.same();
          })
          .build();
    });
  }

  /**
   * Replies with the value, or — when the journal could not be read (a storage fault) — with an
   * error, never with an empty answer that would read as "no experiments".
   */
  private static <T> java.util.function.BiConsumer<T, Throwable> answer(ActorRef<StatusReply<T>> replyTo, String what) {
    return (value, failure) -> {
      if (failure == null) {
        replyTo.tell(StatusReply.success(value));
      } else {
        LOG.error("could not " + what, failure);
        replyTo.tell(StatusReply.error("the journal could not be read just now; GET /api/health says why, and the daemon's log"));
      }
    };
  }

  private static long journalEnd(ReportProjection projection) {
    try {
      return projection.journalEnd();
    } catch (java.sql.SQLException e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }

  /** The read model's experiments, plus any it has not seen yet (folded from the journal), oldest first. */
  static <J extends CurrentPersistenceIdsQuery & CurrentEventsByPersistenceIdQuery> CompletionStage<List<ExperimentState>> list(
      J journal, ReportProjection projection, ActorSystem<?> system, Executor blocking) {
    String prefix = ExperimentIds.PREFIX;
    CompletableFuture<List<ExperimentState>> projected = CompletableFuture.supplyAsync(() -> {
      try (java.sql.Connection c = projection.connection()) {
        List<ExperimentState> states = projection.readModel().list(c);
        java.util.Map<String, Long> last = projection.lastSequenceNumbers(c);
        c.rollback();
        // An ended experiment's row is used when it holds every event of the journal (after its end
        // only tags, notes and archiving come); otherwise, and for a running one, which may be a
        // moment behind, the experiment is folded from the journal like one not projected yet.
        return states.stream().filter(s -> s.status() != ExperimentState.Status.RUNNING
            && s.eventCount() >= last.getOrDefault(prefix + s.experimentId(), 0L)).toList();
      } catch (java.sql.SQLException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, blocking);
    return projected.thenCompose(states -> {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (ExperimentState s : states) seen.add(s.experimentId());
      return journal.currentPersistenceIds()
          .filter(pid -> pid.startsWith(prefix) && !seen.contains(pid.substring(prefix.length())))
          .mapAsync(2, pid -> fold(journal, system, pid.substring(prefix.length())))
          .filter(Optional::isPresent)
          .map(Optional::get)
          .runWith(Sink.seq(), system)
          .thenApply(unseen -> {
            List<ExperimentState> all = new java.util.ArrayList<>(states);
            all.addAll(unseen);
            all.sort(Comparator.comparingLong(ExperimentState::submittedAtMillis).thenComparing(ExperimentState::experimentId));
            return all;
          });
    });
  }

  /** The experiment's state as of its last persisted event; empty when the journal has none. */
  public static <J extends CurrentPersistenceIdsQuery & CurrentEventsByPersistenceIdQuery>
      CompletionStage<Optional<ExperimentState>> fold(J journal, ActorSystem<?> system, String experimentId) {
    return foldAfter(journal, system, ExperimentState.empty(experimentId), 0L)
        .thenApply(state -> state.plan() == null ? Optional.empty() : Optional.of(state));
  }

  /** {@code known} (the state as of event {@code sequenceNr}) with the journal's later events of the experiment folded in. */
  public static CompletionStage<ExperimentState> foldAfter(CurrentEventsByPersistenceIdQuery journal, ActorSystem<?> system,
      ExperimentState known, long sequenceNr) {
    String pid = ExperimentIds.persistenceId(known.experimentId()).id();
    return journal
        .currentEventsByPersistenceId(pid, sequenceNr + 1, Long.MAX_VALUE)
        .runFold(known, (state, envelope) -> state.apply((ExperimentEvent) envelope.event()), system);
  }
}
