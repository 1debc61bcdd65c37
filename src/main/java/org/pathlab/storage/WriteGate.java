package org.pathlab.storage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What keeps a daemon's background writers out of its storage once it stops: work passes the gate
 * one piece at a time; after {@link #close} none starts, and the piece in flight is waited for
 * (bounded), so nothing is written into a data directory after the daemon has closed (a test's
 * temporary directory, an operator's backup copy).
 */
public final class WriteGate {

  /** Work that may throw. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;

  /** Runs {@code work} unless the gate is closed (then: empty, and nothing ran). */
  public <T, E extends Exception> Optional<T> ifOpen(Work<T, E> work) throws E {
    lock.lock();
    try {
      return closed ? Optional.empty() : Optional.ofNullable(work.run());
    } finally {
      lock.unlock();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * No work starts after this. The work in flight is waited for, at most {@code atMost}; then
   * {@code then} runs (still holding the gate where the wait succeeded, so no work overlaps it).
   * Returns whether the work in flight ended within {@code atMost}.
   */
  public boolean close(Duration atMost, Runnable then) {
    closed = true;
    boolean waited = false;
    try {
      waited = lock.tryLock(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      then.run();
    } finally {
      if (waited) lock.unlock();
    }
    return waited;
  }
}
