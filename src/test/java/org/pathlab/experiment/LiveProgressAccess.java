package org.pathlab.experiment;

import org.pathlab.metrics.EpochMetrics;

/** For tests outside this package: an epoch reported as a trainer reports it. */
public final class LiveProgressAccess {

  private LiveProgressAccess() {}

  public static void update(LiveProgress progress, String experimentId, String runId) {
    progress.update(experimentId, runId, 0, new EpochMetrics(1, 0.9, 0.6, 0.5, 0.8));
  }
}
