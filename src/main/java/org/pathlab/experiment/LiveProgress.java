package org.pathlab.experiment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pathlab.metrics.EpochMetrics;

/**
 * The latest epoch of each run in training, for progress displays only. Not durable and not a
 * source of truth: a restart forgets it, and nothing is derived from it but what users watch.
 */
public final class LiveProgress {

  /** A run's latest finished epoch. */
  public record Epoch(int taskIndex, EpochMetrics metrics, long atMillis) {}

  private final Map<org.pathlab.scenario.RunRef, Epoch> latest = new ConcurrentHashMap<>();
  private volatile java.util.function.Consumer<String> onChange = id -> {};

  /** {@code listener} hears the experiment's id after every change (called on the trainer's thread: tell, don't work). */
  public void onChange(java.util.function.Consumer<String> listener) {
    this.onChange = listener;
  }

  void update(String experimentId, String runId, int taskIndex, EpochMetrics metrics) {
    latest.put(new org.pathlab.scenario.RunRef(experimentId, runId), new Epoch(taskIndex, metrics, System.currentTimeMillis()));
    onChange.accept(experimentId);
  }

  public Epoch of(String experimentId, String runId) {
    return latest.get(new org.pathlab.scenario.RunRef(experimentId, runId));
  }

  void forget(String experimentId, String runId) {
    if (latest.remove(new org.pathlab.scenario.RunRef(experimentId, runId)) != null) onChange.accept(experimentId);
  }
}
