package org.pathlab.storage;

/**
 * Published on the actor system's event stream by an experiment's supervisor when the journal
 * failed to write or read its events, so that the storage monitor reports it at once instead of at
 * its next probe. Local to one daemon: never serialized.
 */
public record JournalFailed(String experimentId, String reason) {

  /** Publishes the failure of {@code experimentId}'s journal on {@code system}'s event stream; returns its reason in words. */
  public static String publish(org.apache.pekko.actor.typed.ActorSystem<?> system, String experimentId, Throwable failure) {
    String reason = StorageProbe.reason(failure);
    system.eventStream().tell(new org.apache.pekko.actor.typed.eventstream.EventStream.Publish<>(new JournalFailed(experimentId, reason)));
    return reason;
  }
}
