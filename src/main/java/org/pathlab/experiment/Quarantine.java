package org.pathlab.experiment;

import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.Recovery;

/**
 * Appends {@link ExperimentEvent.ExperimentQuarantined} to an experiment's journal without
 * replaying it (replaying may be what took the daemon down), then stops. The journal still gives
 * the next sequence number: a recovery that replays nothing asks for the highest one. Spawned by
 * {@link Experiments} at start-up, in place of the experiment's supervisor, for each experiment
 * {@link CrashGuard} quarantines.
 */
final class Quarantine extends EventSourcedBehavior<Quarantine.Write, ExperimentEvent, Boolean> {

  /** The one command: persist the event. */
  enum Write { NOW }

  private final String reason;

  static Behavior<Write> create(String experimentId, String reason) {
    return Behaviors.setup(context -> {
      context.getSelf().tell(Write.NOW); // stashed until the (empty) recovery is done
      return new Quarantine(experimentId, reason);
    });
  }

  private Quarantine(String experimentId, String reason) {
    super(ExperimentIds.persistenceId(experimentId));
    this.reason = reason;
  }

  @Override
  public Recovery recovery() {
    return Recovery.disabled();
  }

  @Override
  public Boolean emptyState() {
    return false;
  }

  @Override
  public Set<String> tagsFor(ExperimentEvent event) {
    return Set.of(ExperimentEvent.TAG);
  }

  @Override
  public CommandHandler<Write, ExperimentEvent, Boolean> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Write.class, (state, write) -> Effect()
            .persist(new ExperimentEvent.ExperimentQuarantined(reason, System.currentTimeMillis()))
            .thenStop())
        .build();
  }

  @Override
  public EventHandler<Boolean, ExperimentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> true);
  }
}
