package org.pathlab.bench;

import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.experiment.ExperimentEvent;

/** Writes prepared events into an experiment's journal, tagged as a supervisor tags them. */
final class JournalWriter extends EventSourcedBehavior<JournalWriter.Write, ExperimentEvent, Integer> {

  record Write(List<ExperimentEvent> events, ActorRef<Done> replyTo) {}

  static Behavior<Write> create(String experimentId) {
    return new JournalWriter(experimentId);
  }

  private JournalWriter(String experimentId) {
    super(ExperimentIds.persistenceId(experimentId));
  }

  @Override
  public Integer emptyState() {
    return 0;
  }

  @Override
  public Set<String> tagsFor(ExperimentEvent event) {
    return Set.of(ExperimentEvent.TAG);
  }

  @Override
  public CommandHandler<Write, ExperimentEvent, Integer> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Write.class, (state, w) -> Effect().persist(w.events()).thenRun(s -> w.replyTo().tell(Done.getInstance())))
        .build();
  }

  @Override
  public EventHandler<Integer, ExperimentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, e) -> state + 1);
  }
}
