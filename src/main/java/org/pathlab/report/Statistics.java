package org.pathlab.report;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics of a report. Sample statistics are {@code null} where the sample is too small to
 * say anything; confidence intervals are percentile bootstraps with a fixed seed, so a report
 * rebuilt from the same events is byte-identical.
 */
public final class Statistics {

  /** Bootstrap resamples: the usual 2,000 for percentile intervals (Efron & Tibshirani recommend ≥ 1,000). */
  static final int RESAMPLES = 2_000;

  private Statistics() {}

  public static Double mean(List<Double> xs) {
    if (xs.isEmpty()) return null;
    double sum = 0;
    for (double x : xs) sum += x;
    return sum / xs.size();
  }

  /** Sample standard deviation (n − 1); needs two values. */
  public static Double sd(List<Double> xs) {
    if (xs.size() < 2) return null;
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) ss += (x - m) * (x - m);
    return Math.sqrt(ss / (xs.size() - 1));
  }

  public static Double median(List<Double> xs) {
    if (xs.isEmpty()) return null;
    double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** A two-sided 95 % interval; null when there are fewer than two values. */
  public record Interval(double low, double high) {}

  /** Percentile bootstrap 95 % CI of the mean. */
  public static Interval meanInterval(List<Double> xs, long seed) {
    if (xs.size() < 2) return null;
    double[] v = array(xs);
    SplittableRandom random = new SplittableRandom(seed);
    double[] means = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) means[b] = resampledMean(v, random);
    return percentiles(means);
  }

  /** Percentile bootstrap 95 % CI of mean(xs) − mean(ys), resampling each group on its own. */
  public static Interval differenceInterval(List<Double> xs, List<Double> ys, long seed) {
    if (xs.size() < 2 || ys.size() < 2) return null;
    double[] a = array(xs);
    double[] b = array(ys);
    SplittableRandom random = new SplittableRandom(seed);
    double[] diffs = new double[RESAMPLES];
    for (int i = 0; i < RESAMPLES; i++) diffs[i] = resampledMean(a, random) - resampledMean(b, random);
    return percentiles(diffs);
  }

  /** Welch's two-sided t-test p-value (unequal variances); needs two values per group. */
  public static Double welchP(List<Double> xs, List<Double> ys) {
    if (xs.size() < 2 || ys.size() < 2) return null;
    if (sd(xs) == 0 && sd(ys) == 0) return xs.get(0).equals(ys.get(0)) ? 1.0 : 0.0;
    return new TTest().tTest(array(xs), array(ys));
  }

  /** Mann–Whitney U two-sided p-value: commons-math3's normal approximation, without continuity or tie correction. */
  public static Double mannWhitneyP(List<Double> xs, List<Double> ys) {
    if (xs.isEmpty() || ys.isEmpty()) return null;
    return new MannWhitneyUTest().mannWhitneyUTest(array(xs), array(ys));
  }

  private static double resampledMean(double[] v, SplittableRandom random) {
    double sum = 0;
    for (int i = 0; i < v.length; i++) sum += v[random.nextInt(v.length)];
    return sum / v.length;
  }

  private static Interval percentiles(double[] values) {
    Arrays.sort(values);
    return new Interval(quantile(values, 0.025), quantile(values, 0.975));
  }

  /** Linear interpolation between order statistics (numpy's default "linear" method). */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  }

  private static double[] array(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
