package org.pathlab.search;

import java.util.List;
import org.pathlab.wire.PathlabSerializable;

/**
 * What one evaluation measured: per seed it finished on both sides, the candidate's difference to
 * the baseline on the scenario's metric, oriented so that lower is better (the loss as it is,
 * accuracy negated); {@code failure}: why a run of it did not finish (diverged, failed, cancelled),
 * else null; {@code uses}: every task its runs completed, trained or reused, for the cost and the
 * prefix tree.
 */
public record JobResult(List<Long> seeds, List<Double> differences, String failure, List<PrefixUse> uses) implements PathlabSerializable {

  /** The score of an evaluation that failed: worse than any path that trained. */
  public static final double FAILED = 1e9;

  public JobResult {
    seeds = List.copyOf(seeds);
    differences = List.copyOf(differences);
    uses = List.copyOf(uses);
  }

  /** The mean oriented difference (lower is better); {@link #FAILED} when the evaluation failed or has no seed. */
  public double score() {
    if (failure != null || differences.isEmpty()) return FAILED;
    return differences.stream().mapToDouble(Double::doubleValue).sum() / differences.size();
  }

  /**
   * One completed task: its prefix's key (null where reuse is off), what the prefix is ({@code
   * label}, the path's first {@code depth} + 1 tasks), the seed, the epochs it trained, and whether
   * it was reused from an experiment outside the search (then it cost the search nothing).
   */
  public record PrefixUse(String key, String label, int depth, long seed, int epochs, boolean outside) implements PathlabSerializable {}
}
