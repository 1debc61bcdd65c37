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
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
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

  public static <J extends CurrentPersistenceIdsQuery & CurrentEventsByPersistenceIdQuery> Behavior<Command> create(J journal) {
    return Behaviors.setup(context -> {
      ActorSystem<?> system = context.getSystem();
      return Behaviors.receive(Command.class)
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
        .mapAsync(1, pid -> fold(journal, system, pid.substring(prefix.length())))
        .filter(Optional::isPresent)
        .map(Optional::get)
        .runWith(Sink.seq(), system)
        .thenApply(states -> states.stream().sorted(Comparator.comparingLong(ExperimentState::submittedAtMillis)).toList());
  }
}
