package org.pathlab.experiment;

import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Appends {@link ExperimentEvent.ExperimentQuarantined} to an experiment's journal in place of its
 * supervisor, which is not started, then stops. It recovers the experiment's state as the
 * supervisor would (from its latest snapshot, at most 100 events after it) only to see whether
 * the experiment is still running: one that ended meanwhile is left as it is. Spawned by {@link
 * Experiments} at start-up for each experiment {@link CrashGuard} quarantines.
 */
final class Quarantine extends EventSourcedBehavior<Quarantine.Write, ExperimentEvent, ExperimentState> {

  /** The one command: persist the event, if the experiment is running. */
  enum Write { NOW }

  private final String experimentId;
  private final String reason;

  static Behavior<Write> create(String experimentId, String reason) {
    return Behaviors.setup(context -> {
      context.getSelf().tell(Write.NOW); // stashed until recovery is done
      return new Quarantine(experimentId, reason);
    });
  }

  private Quarantine(String experimentId, String reason) {
    super(ExperimentIds.persistenceId(experimentId));
    this.experimentId = experimentId;
    this.reason = reason;
  }

  @Override
  public ExperimentState emptyState() {
    return ExperimentState.empty(experimentId);
  }

  @Override
  public Set<String> tagsFor(ExperimentEvent event) {
    return Set.of(ExperimentEvent.TAG);
  }

  @Override
  public CommandHandler<Write, ExperimentEvent, ExperimentState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Write.class, (state, write) -> state.status() != ExperimentState.Status.RUNNING
            ? Effect().stop()
            : Effect().persist(new ExperimentEvent.ExperimentQuarantined(reason, System.currentTimeMillis())).thenStop())
        .build();
  }

  @Override
  public EventHandler<ExperimentState, ExperimentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(ExperimentState::apply);
  }
}
