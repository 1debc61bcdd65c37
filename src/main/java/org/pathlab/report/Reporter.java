package org.pathlab.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.ExperimentSupervisor;

/**
 * Answers status and report questions from the journal alone (never from training code or a
 * supervisor's memory): it reads an experiment's persisted events and folds them.
 */
public final class Reporter {

  public sealed interface Command {}

  public record GetState(String experimentId, ActorRef<Optional<ExperimentState>> replyTo) implements Command {}

  public record GetReport(String experimentId, ActorRef<Optional<Report>> replyTo) implements Command {}

  /** The experiment's events in journal order (empty when there are none). */
  public record GetEvents(String experimentId, ActorRef<List<Object>> replyTo) implements Command {}

  /** Every experiment in the journal, oldest first. */
  public record ListExperiments(ActorRef<List<ExperimentState>> replyTo) implements Command {}

  private Reporter() {}

  private record FilesWritten(String experimentId, Throwable failure) implements Command {}

  /**
   * {@code reportsDir}: where to keep each ended experiment's report files up to date (null: none).
   * The reporter follows the journal's tagged event stream and rewrites an experiment's files when
   * it finishes or is cancelled.
   */
  public static <J extends CurrentPersistenceIdsQuery & CurrentEventsByPersistenceIdQuery & EventsByTagQuery>
      Behavior<Command> create(J journal, java.nio.file.Path reportsDir) {
    return Behaviors.setup(context -> {
      ActorSystem<?> system = context.getSystem();
      if (reportsDir != null) {
        String prefix = ExperimentSupervisor.persistenceId("").id();
        journal.eventsByTag(ExperimentEvent.TAG, Offset.noOffset())
            .filter(e -> e.event() instanceof ExperimentEvent.ExperimentFinished || e.event() instanceof ExperimentEvent.ExperimentCancelled)
            .map(e -> e.persistenceId().substring(prefix.length()))
            .mapAsync(1, id -> fold(journal, system, id).thenApply(state -> {
              try {
                if (state.isPresent()) ReportFiles.write(ReportBuilder.build(state.get()), reportsDir);
                return new FilesWritten(id, null);
              } catch (java.io.IOException | RuntimeException e) {
                return new FilesWritten(id, e);
              }
            }))
            .runForeach(written -> context.getSelf().tell(written), system);
      }
      return Behaviors.receive(Command.class)
          .onMessage(FilesWritten.class, m -> {
            if (m.failure() != null) {
              context.getLog().error("could not write the report files of {}", m.experimentId(), m.failure());
            } else {
              context.getLog().info("report files of {} written under {}", m.experimentId(), reportsDir);
            }
            return Behaviors.same();
          })
          .onMessage(GetState.class, m -> {
            fold(journal, system, m.experimentId()).thenAccept(m.replyTo()::tell);
            return Behaviors.same();
          })
          .onMessage(GetReport.class, m -> {
            fold(journal, system, m.experimentId()).thenAccept(s -> m.replyTo().tell(s.map(ReportBuilder::build)));
            return Behaviors.same();
          })
          .onMessage(GetEvents.class, m -> {
            String pid = ExperimentSupervisor.persistenceId(m.experimentId()).id();
            journal.currentEventsByPersistenceId(pid, 0L, Long.MAX_VALUE)
                .map(envelope -> envelope.event())
                .runWith(Sink.seq(), system)
                .thenAccept(events -> m.replyTo().tell(List.copyOf(events)));
            return Behaviors.same();
          })
          .onMessage(ListExperiments.class, m -> {
            list(journal, system).thenAccept(m.replyTo()::tell);
            return Behaviors.same();
          })
          .build();
    });
  }

  /** The experiment's state as of its last persisted event; empty when the journal has none. */
  public static <J extends CurrentPersistenceIdsQuery & CurrentEventsByPersistenceIdQuery>
      CompletionStage<Optional<ExperimentState>> fold(J journal, ActorSystem<?> system, String experimentId) {
    String pid = ExperimentSupervisor.persistenceId(experimentId).id();
    return journal
        .currentEventsByPersistenceId(pid, 0L, Long.MAX_VALUE)
        .runFold(ExperimentState.empty(experimentId), (state, envelope) -> state.apply((ExperimentEvent) envelope.event()), system)
        .thenApply(state -> state.plan() == null ? Optional.empty() : Optional.of(state));
  }

  public static <J extends CurrentPersistenceIdsQuery & CurrentEventsByPersistenceIdQuery>
      CompletionStage<List<ExperimentState>> list(J journal, ActorSystem<?> system) {
    String prefix = ExperimentSupervisor.persistenceId("").id();
    return journal
        .currentPersistenceIds()
        .filter(pid -> pid.startsWith(prefix))
        .mapAsync(2, pid -> fold(journal, system, pid.substring(prefix.length())))
        .filter(Optional::isPresent)
        .map(Optional::get)
        .runWith(Sink.seq(), system)
        .thenApply(states -> states.stream().sorted(Comparator.comparingLong(ExperimentState::submittedAtMillis)).toList());
  }
}
