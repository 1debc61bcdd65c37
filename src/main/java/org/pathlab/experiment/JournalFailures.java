package org.pathlab.experiment;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.pathlab.experiment.ExperimentReply.Refusal;
import org.pathlab.storage.JournalFailed;

/**
 * What a journal failure means for an {@link ExperimentSupervisor}: it restarts after a pause
 * doubling to 30 s, replays and resumes (commands wait); before it does, the storage monitor hears
 * of the failure, a waiting submitter gets an answer, and runs waiting on a prefix its runners were
 * training claim it again.
 */
final class JournalFailures {

  /** The supervisor's restart strategy; {@link #failed} logs each failure in one line. */
  static final BackoffSupervisorStrategy RESTART =
      SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2).withLoggingEnabled(false);

  private JournalFailures() {}

  /** The journal failed to {@code what} ("write", "read") experiment {@code experimentId}'s events; {@code submitting} may be null. */
  static void failed(ActorContext<?> context, String experimentId, String what, Throwable failure, ActorRef<ExperimentReply> submitting,
      PrefixReuse reuse) {
    String reason = JournalFailed.publish(context.getSystem(), experimentId, failure);
    context.getLog().error("experiment {}: the journal failed to {} its events ({}); recovering from the journal with backoff",
        experimentId, what, reason);
    if (submitting != null) {
      submitting.tell(ExperimentReply.refused(Refusal.NOT_RECORDED, "the journal could not record the submission (" + reason
          + "), so nothing was submitted; submit again once GET /api/health answers 200"));
    }
    reuse.abandonAll();
  }
}
