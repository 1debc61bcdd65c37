package org.pathlab.report;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.javadsl.Sink;
import org.pathlab.experiment.ExperimentIds;

/**
 * What the read side answers besides states ({@link ReadSide}): an experiment's events as the
 * journal holds them (read, not folded), how far the report projection has read the journal, and a
 * rebuild of the read model and every report file from the journal's first event.
 */
public final class Reporter {

  public sealed interface Command {}

  /** The experiment's events in journal order (empty when there are none). */
  public record GetEvents(String experimentId, ActorRef<StatusReply<List<Object>>> replyTo) implements Command {}

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

  public static Behavior<Command> create(CurrentEventsByPersistenceIdQuery journal, ReportProjection projection) {
    return Behaviors.setup(context -> {
      ActorSystem<?> system = context.getSystem();
      return Behaviors.receive(Command.class)
          .onMessage(GetEvents.class, m -> {
            String pid = ExperimentIds.persistenceId(m.experimentId()).id();
            journal.currentEventsByPersistenceId(pid, 0L, Long.MAX_VALUE)
                .map(envelope -> envelope.event())
                .runWith(Sink.seq(), system)
                .thenApply(events -> (List<Object>) List.copyOf(events))
                .whenComplete(answer(m.replyTo(), "read the events of " + m.experimentId()));
            return Behaviors.same();
          })
          .onMessage(Rebuild.class, m -> {
            projection.resetUnwritten();
            projection.journalEnd(0)
                .thenCompose(target -> ProjectionManagement.get(system).clearOffset(ReportProjection.ID).thenApply(done -> target))
                .whenComplete((target, failure) -> {
                  if (failure != null) LOG.error("could not start rebuilding the reports", failure);
                  else LOG.info("rebuilding the read model and every report from the journal (up to event {})", target);
                  m.replyTo().tell(new RebuildStarted(failure == null ? target : -1));
                });
            return Behaviors.same();
          })
          .onMessage(GetProgress.class, m -> {
            ProjectionManagement.get(system).<Offset>getOffset(ReportProjection.ID)
                .thenApply(offset -> offset.map(o -> ((Sequence) o).value()).orElse(0L))
                .thenCompose(at -> projection.journalEnd(at).thenApply(end -> new Progress(at, end, projection.unwritten())))
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
}
