package org.pathlab.experiment;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Experiments being cancelled, shared by supervisors (which mark them, after persisting the
 * cancellation) and trainers (which poll between epochs: a trainer is busy in native code and
 * cannot read its mailbox until the task ends).
 */
public final class Cancellations {

  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

  void cancel(String experimentId) {
    cancelled.add(experimentId);
  }

  public boolean isCancelled(String experimentId) {
    return cancelled.contains(experimentId);
  }
}
