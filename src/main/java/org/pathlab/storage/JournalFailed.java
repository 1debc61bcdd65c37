package org.pathlab.storage;

/**
 * Published on the actor system's event stream by an experiment's supervisor when the journal
 * failed to write or read its events, so that the storage monitor reports it at once instead of at
 * its next probe. Local to one daemon: never serialized.
 */
public record JournalFailed(String experimentId, String reason) {}
