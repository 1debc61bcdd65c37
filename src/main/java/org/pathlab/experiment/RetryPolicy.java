package org.pathlab.experiment;

import java.time.Duration;

/**
 * How often a task whose training failed in a retryable way is tried again, and how long to wait:
 * {@code firstBackoff}, doubling each time, never more than {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5));
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures. */
  public Duration backoff(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
