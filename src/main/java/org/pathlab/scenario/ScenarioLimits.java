package org.pathlab.scenario;

import com.typesafe.config.Config;

/**
 * How large a scenario may be: its text, its nesting, and the volume of the plan it asks for.
 * Checked before any work is done, so that a hostile or mistaken file costs the server nothing.
 * The daemon reads them from {@code pathlab.scenario-limits}; the CLI validates with the defaults.
 */
public record ScenarioLimits(
    int maxBytes, int maxDepth, int maxArms, int maxSeeds, int maxTasksPerPath, int maxRuns, long maxTasks, long maxTaskEpochs) {

  /**
   * {@code maxTasks}: every task of every run, summed. A plan holds about 3 KB per task in the
   * daemon's heap and 1.5 KB in the journal (measured: 100,100 tasks took 300 MB of heap and a
   * 147 MB journal, docs/operations.md), so 100,000 leaves most of a 2 GB heap to everything else.
   */
  public static final ScenarioLimits DEFAULTS = new ScenarioLimits(1 << 20, 32, 500, 1000, 2000, 10_000, 100_000L, 5_000_000L);

  public ScenarioLimits {
    if (maxBytes < 1 || maxDepth < 4 || maxArms < 1 || maxSeeds < 1 || maxTasksPerPath < 1 || maxRuns < 1 || maxTasks < 1 || maxTaskEpochs < 1) {
      throw new IllegalArgumentException("pathlab.scenario-limits: every limit must be positive (max-depth at least 4)");
    }
  }

  /** The {@code pathlab.scenario-limits} block. */
  public static ScenarioLimits from(Config limits) {
    return new ScenarioLimits(
        (int) Math.min(Integer.MAX_VALUE, limits.getBytes("max-bytes")),
        limits.getInt("max-depth"),
        limits.getInt("max-arms"),
        limits.getInt("max-seeds"),
        limits.getInt("max-tasks-per-path"),
        limits.getInt("max-runs"),
        limits.getLong("max-tasks"),
        limits.getLong("max-task-epochs"));
  }
}
