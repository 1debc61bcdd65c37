package org.pathlab.report;

/**
 * Seeded percentile bootstraps for {@link Statistics}: the same seed gives the same resamples, so a
 * report rebuilt from the same events is byte-identical. Quantiles are numpy's default ("linear").
 */
final class Bootstrap {

  /** Bootstrap resamples: the usual 2,000 for percentile intervals (Efron & Tibshirani recommend ≥ 1,000). */
  static final int RESAMPLES = 2_000;

  private Bootstrap() {}

  /** The 95 % percentile interval of the mean of {@code v}. */
  static Statistics.Interval meanInterval(double[] v, long seed) {
    SplitMix random = new SplitMix(seed);
    double[] means = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) means[b] = resampledMean(v, random);
    return percentiles(means);
  }

  /** The 95 % percentile interval of mean(a) − mean(b), each group resampled on its own. */
  static Statistics.Interval differenceInterval(double[] a, double[] b, long seed) {
    SplitMix random = new SplitMix(seed);
    double[] diffs = new double[RESAMPLES];
    for (int i = 0; i < RESAMPLES; i++) diffs[i] = resampledMean(a, random) - resampledMean(b, random);
    return percentiles(diffs);
  }

  private static double resampledMean(double[] v, SplitMix random) {
    double sum = 0;
    for (int i = 0; i < v.length; i++) sum += v[random.nextInt(v.length)];
    return sum / v.length;
  }

  /**
   * The draws of {@code new SplittableRandom(seed).nextInt(bound)}, the same sequence (a test holds
   * them equal), in a final class the compiler can inline: the bootstrap is most of a report's cost.
   */
  static final class SplitMix {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long seed;

    SplitMix(long seed) {
      this.seed = seed;
    }

    int nextInt(int bound) {
      int r = mix32(seed += GOLDEN_GAMMA);
      int m = bound - 1;
      if ((bound & m) == 0) return r & m;
      for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = mix32(seed += GOLDEN_GAMMA) >>> 1) {
        // rejected: a draw from the incomplete last block of size bound
      }
      return r;
    }

    private static int mix32(long z) {
      z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
      return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
  }

  /** The 2.5 % and 97.5 % quantiles, as {@link #quantile} of the sorted values, by selection (no full sort). */
  private static Statistics.Interval percentiles(double[] values) {
    return new Statistics.Interval(selectQuantile(values, 0.025), selectQuantile(values, 0.975), Statistics.BOOTSTRAP);
  }

  /** {@code quantile(sorted(values), q)}, found by quickselect; reorders {@code values}. */
  static double selectQuantile(double[] values, double q) {
    double position = q * (values.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, values.length - 1);
    double low = select(values, lower);
    double high = low;
    if (upper != lower) {
      // after select(lower), every value right of index lower is ≥ low: the next order statistic is their minimum
      high = values[upper];
      for (int i = upper + 1; i < values.length; i++) high = Math.min(high, values[i]);
    }
    return low + (position - lower) * (high - low);
  }

  /** The k-th smallest value (from 0); afterwards values[..k] ≤ values[k] ≤ values[k+1..]. */
  private static double select(double[] v, int k) {
    int left = 0;
    int right = v.length - 1;
    while (right > left) {
      // median of three as the pivot, deterministic
      int mid = (left + right) >>> 1;
      if (v[mid] < v[left]) swap(v, mid, left);
      if (v[right] < v[left]) swap(v, right, left);
      if (v[right] < v[mid]) swap(v, right, mid);
      double pivot = v[mid];
      int i = left;
      int j = right;
      while (i <= j) {
        while (v[i] < pivot) i++;
        while (v[j] > pivot) j--;
        if (i <= j) swap(v, i++, j--);
      }
      if (k <= j) right = j;
      else if (k >= i) left = i;
      else return v[k];
    }
    return v[k];
  }

  private static void swap(double[] v, int a, int b) {
    double t = v[a];
    v[a] = v[b];
    v[b] = t;
  }

  /** Linear interpolation between order statistics (numpy's default "linear" method). */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  }
}
