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
  private volatile boolean stopping;

  void cancel(String experimentId) {
    cancelled.add(experimentId);
  }

  /**
   * The daemon is shutting down: every trainer stops at its next epoch boundary and trains nothing
   * more. Nothing is persisted for the interrupted tasks: they are trained again at the next start.
   */
  public void stopAll() {
    stopping = true;
  }

  public boolean stopping() {
    return stopping;
  }

  public boolean isCancelled(String experimentId) {
    return stopping || cancelled.contains(experimentId);
  }
}
