package org.pathlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Statistics of paired samples: an arm's and its reference's runs with the same seed, which start
 * from the same initial weights (common random numbers, which a deterministic lab has for free).
 * The differences d = x − y per pair carry the comparison: their variance leaves out what the two
 * runs of a seed share, so a paired test sees a gap that an unpaired one hides in the seeds'
 * spread. Null where the data cannot give a value, never NaN. Reference values:
 * src/test/resources/stats/reference.py (SciPy's {@code ttest_rel}, {@code wilcoxon}).
 */
public final class PairedStatistics {

  public static final String PAIRED_T = "paired t";

  private PairedStatistics() {}

  /**
   * The paired t-test of x − y: the mean difference, its standard error, n − 1 degrees of freedom,
   * t, the two-sided p and the 95 % t-interval of the mean difference.
   */
  public record PairedT(int pairs, double difference, double standardError, double df, double t, double p,
      Statistics.Interval interval) {}

  /**
   * The paired t-test ({@code scipy.stats.ttest_rel}); null with fewer than two pairs, when the
   * lists differ in length, or when every difference is the same (no variance to judge the mean by;
   * SciPy would print p = 0 or NaN there).
   */
  public static PairedT pairedT(List<Double> xs, List<Double> ys) {
    if (xs.size() != ys.size() || xs.size() < 2) return null;
    List<Double> d = differences(xs, ys);
    int n = d.size();
    double mean = Statistics.mean(d);
    double sd = Statistics.sd(d);
    if (sd == 0) return null;
    double se = sd / Math.sqrt(n);
    double df = n - 1;
    double t = mean / se;
    double p = Math.min(1, 2 * NoncentralT.central(df).cumulativeProbability(-Math.abs(t)));
    double half = Statistics.quantileT(df) * se;
    return new PairedT(n, mean, se, df, t, p, new Statistics.Interval(mean - half, mean + half, PAIRED_T));
  }

  /**
   * Hedges' g_av for paired samples: the mean difference over the average of the two samples' sds
   * (Cumming's d_av, which, unlike d_z, does not grow with the pairs' correlation and so reads on
   * the same scale as the unpaired g), times the exact small-sample correction J at 2(n − 1)
   * degrees of freedom (Lakens 2013, eq. 10 and the correction of eq. 4). Null with fewer than two
   * pairs or when neither sample varies.
   */
  public static Double hedgesGav(List<Double> xs, List<Double> ys) {
    if (xs.size() != ys.size() || xs.size() < 2) return null;
    double average = (Statistics.sd(xs) + Statistics.sd(ys)) / 2;
    if (average == 0) return null;
    double dav = (Statistics.mean(xs) - Statistics.mean(ys)) / average;
    return Statistics.hedgesCorrection(2.0 * (xs.size() - 1)) * dav;
  }

  /** The Wilcoxon signed-rank statistic (the sum of the ranks of the positive differences, ties as mid-ranks), the pairs it used and its two-sided p. */
  public record Wilcoxon(double statistic, int used, double p) {

    public String method() {
      return "exact";
    }
  }

  /**
   * The Wilcoxon signed-rank test of x − y, exact: zero differences are dropped (SciPy's default
   * {@code zero_method="wilcox"}); the others are ranked by absolute value (ties as mid-ranks) and
   * every assignment of signs to the ranks is equally likely under the null. p = min(1, 2 ·
   * min(P(T⁺ ≤ t), P(T⁺ ≥ t))), as SciPy's {@code wilcoxon(method="exact")} defines it (with no ties,
   * equal to it; with ties, the exact distribution of the mid-ranks, which SciPy does not offer).
   * Null when no difference is non-zero or the lists differ in length.
   */
  public static Wilcoxon wilcoxon(List<Double> xs, List<Double> ys) {
    if (xs.size() != ys.size()) return null;
    List<Double> nonZero = new ArrayList<>();
    for (double d : differences(xs, ys)) {
      if (d != 0) nonZero.add(d);
    }
    int n = nonZero.size();
    if (n == 0) return null;
    double[][] byMagnitude = new double[n][];
    for (int i = 0; i < n; i++) byMagnitude[i] = new double[] {Math.abs(nonZero.get(i)), Math.signum(nonZero.get(i))};
    Arrays.sort(byMagnitude, (a, b) -> Double.compare(a[0], b[0]));
    // doubled mid-ranks are whole numbers, so the sums below stay exact
    int[] ranks2 = new int[n];
    int positive2 = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && byMagnitude[j + 1][0] == byMagnitude[i][0]) j++;
      for (int k = i; k <= j; k++) ranks2[k] = (i + 1) + (j + 1);
      i = j + 1;
    }
    int total = 0;
    for (int k = 0; k < n; k++) {
      total += ranks2[k];
      if (byMagnitude[k][1] > 0) positive2 += ranks2[k];
    }
    // ways[s]: sign assignments whose positive doubled ranks sum to s
    double[] ways = new double[total + 1];
    ways[0] = 1;
    for (int r : ranks2) {
      for (int s = total; s >= r; s--) ways[s] += ways[s - r];
    }
    double all = Math.pow(2, n);
    double atMost = 0;
    double atLeast = 0;
    for (int s = 0; s <= total; s++) {
      if (s <= positive2) atMost += ways[s];
      if (s >= positive2) atLeast += ways[s];
    }
    return new Wilcoxon(positive2 / 2.0, n, Math.min(1, 2 * Math.min(atMost, atLeast) / all));
  }

  private static List<Double> differences(List<Double> xs, List<Double> ys) {
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) d.add(xs.get(i) - ys.get(i));
    return d;
  }
}
