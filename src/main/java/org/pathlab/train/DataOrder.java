package org.pathlab.train;

import java.util.SplittableRandom;

/** The order in which an epoch visits the training split: a function of (seed, task, epoch) only (public for the benchmarks, which hand it to the reference). */
public final class DataOrder {

  private DataOrder() {}

  public static long[] permutation(int n, long seed, int taskIndex, int epoch) {
    SplittableRandom random = new SplittableRandom(mix(seed, taskIndex, epoch));
    long[] order = new long[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static long mix(long seed, long taskIndex, long epoch) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h ^= (taskIndex + 1) * 0xC2B2AE3D27D4EB4FL;
    h ^= (epoch + 1) * 0x165667B19E3779F9L;
    return h;
  }
}
