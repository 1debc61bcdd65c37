package org.pathlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The statistics of a report, chosen to hold at the 2–10 seeds an experiment affords (the paper
 * runs 3 baseline seeds). A statistic is {@code null} where the data cannot give it, never NaN.
 *
 * <ul>
 *   <li>Intervals (95 %): Student's t for one arm's mean, Welch's t (Welch–Satterthwaite degrees of
 *       freedom) for an unpaired gap, the paired t for a paired one ({@link PairedStatistics}), at
 *       every sample size: one method per interval, named where it is printed. (A percentile
 *       bootstrap, used from 10 seeds on until issue Q, under-covers at the sizes a lab affords:
 *       10–25 % narrower than Welch's on the replication's arms.)
 *   <li>Welch's t-test for the gap (the verdict's test), the Mann–Whitney U test beside it: exact
 *       (the permutation distribution of U over the tied ranks) while each sample has fewer than
 *       {@link #EXACT_MANN_WHITNEY_BELOW} values, the normal approximation with tie and continuity
 *       corrections beyond.
 *   <li>Holm's step-down adjustment of the arms' p-values (Holm 1979).
 *   <li>Hedges' g with a noncentral-t interval (Hedges &amp; Olkin 1985; Steiger &amp; Fouladi 1997).
 * </ul>
 *
 * <p>Zero variance: one arm whose seeds all gave the same loss has a t-interval of width 0 (the
 * formula's answer, as SciPy's); when neither sample varies, Welch's test, its interval and g are
 * undefined (null), and the verdict says so: SciPy would print p = 0 there, a certainty the data do
 * not have. Reference values: src/test/resources/stats/ (SciPy and R scripts and their output).
 */
public final class Statistics {

  /** Mann–Whitney is exact while each sample has fewer values than this (R's wilcox.test cut-off). */
  public static final int EXACT_MANN_WHITNEY_BELOW = 50;

  public static final String T = "t";
  public static final String WELCH_T = "Welch t";
  public static final String NONCENTRAL_T = "noncentral t";

  private static final double LEVEL = 0.95;
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private Statistics() {}

  public static Double mean(List<Double> xs) {
    if (xs.isEmpty()) return null;
    double sum = 0;
    for (double x : xs) sum += x;
    return sum / xs.size();
  }

  /** Sample standard deviation (n − 1); needs two values. */
  public static Double sd(List<Double> xs) {
    return xs.size() < 2 ? null : Math.sqrt(variance(xs));
  }

  public static Double median(List<Double> xs) {
    if (xs.isEmpty()) return null;
    double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** A two-sided 95 % interval and how it was made ({@link #T}, {@link #WELCH_T}, {@link PairedStatistics#PAIRED_T}, {@link #NONCENTRAL_T}). */
  public record Interval(double low, double high, String method) {}

  /** The 95 % CI of the mean, Student's t; null for fewer than two values. */
  public static Interval meanInterval(List<Double> xs) {
    if (xs.size() < 2) return null;
    double half = quantileT(xs.size() - 1) * sd(xs) / Math.sqrt(xs.size());
    double m = mean(xs);
    return new Interval(m - half, m + half, T);
  }

  /**
   * The 95 % CI of mean(xs) − mean(ys), Welch's t-interval; null when Welch's test is undefined
   * (fewer than two values, or neither sample varies).
   */
  public static Interval differenceInterval(List<Double> xs, List<Double> ys) {
    Welch w = welch(xs, ys);
    return w == null ? null : w.interval();
  }

  /**
   * Welch's unequal-variances t-test of mean(xs) − mean(ys): the difference, its standard error,
   * the Welch–Satterthwaite degrees of freedom, t, the two-sided p and the 95 % t-interval.
   */
  public record Welch(double difference, double standardError, double df, double t, double p, Interval interval) {}

  /** Welch's test; null with fewer than two values in a sample, or when neither sample varies. */
  public static Welch welch(List<Double> xs, List<Double> ys) {
    if (xs.size() < 2 || ys.size() < 2) return null;
    double vx = variance(xs) / xs.size();
    double vy = variance(ys) / ys.size();
    if (vx + vy == 0) return null;
    double se = Math.sqrt(vx + vy);
    double df = (vx + vy) * (vx + vy) / (vx * vx / (xs.size() - 1) + vy * vy / (ys.size() - 1));
    double difference = mean(xs) - mean(ys);
    double t = difference / se;
    double p = Math.min(1, 2 * NoncentralT.central(df).cumulativeProbability(-Math.abs(t)));
    double half = quantileT(df) * se;
    return new Welch(difference, se, df, t, p, new Interval(difference - half, difference + half, WELCH_T));
  }

  /** Welch's two-sided p-value, or null where {@link #welch} is undefined. */
  public static Double welchP(List<Double> xs, List<Double> ys) {
    Welch w = welch(xs, ys);
    return w == null ? null : w.p();
  }

  /** True when both samples have two or more values and every value within each is the same. */
  public static boolean noSpread(List<Double> xs, List<Double> ys) {
    return xs.size() >= 2 && ys.size() >= 2 && variance(xs) == 0 && variance(ys) == 0;
  }

  /** The Mann–Whitney U of xs (ties count ½) and its two-sided p, exact or by the normal approximation. */
  public record MannWhitney(double u, double p, boolean exact) {

    public String method() {
      return exact ? "exact" : "normal approximation";
    }
  }

  /** The Mann–Whitney U test of xs against ys; null when a sample is empty. */
  public static MannWhitney mannWhitney(List<Double> xs, List<Double> ys) {
    if (xs.isEmpty() || ys.isEmpty()) return null;
    int n1 = xs.size();
    int n2 = ys.size();
    int n = n1 + n2;
    double[][] pooled = new double[n][];
    for (int i = 0; i < n; i++) pooled[i] = new double[] {i < n1 ? xs.get(i) : ys.get(i - n1), i < n1 ? 1 : 0};
    Arrays.sort(pooled, Comparator.comparingDouble(v -> v[0]));
    // Doubled mid-ranks are whole numbers (first + last position of a tie), so rank sums stay exact.
    int[] ranks2 = new int[n];
    double tieTerm = 0;
    int observed2 = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && pooled[j + 1][0] == pooled[i][0]) j++;
      for (int k = i; k <= j; k++) ranks2[k] = (i + 1) + (j + 1);
      double ties = j - i + 1;
      tieTerm += ties * ties * ties - ties;
      i = j + 1;
    }
    for (int k = 0; k < n; k++) {
      if (pooled[k][1] == 1) observed2 += ranks2[k];
    }
    double u = observed2 / 2.0 - n1 * (n1 + 1) / 2.0;
    if (n1 < EXACT_MANN_WHITNEY_BELOW && n2 < EXACT_MANN_WHITNEY_BELOW) {
      return new MannWhitney(u, exactP(ranks2, n1, observed2), true);
    }
    double mu = n1 * (double) n2 / 2;
    double sigma = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (double) (n - 1))));
    if (sigma == 0) return new MannWhitney(u, 1.0, false);
    // SciPy's asymptotic method: the larger U, a continuity correction of ½, the tie-corrected variance
    double z = (Math.max(u, n1 * (double) n2 - u) - mu - 0.5) / sigma;
    return new MannWhitney(u, Math.min(1, 2 * NORMAL.cumulativeProbability(-z)), false);
  }

  /** Mann–Whitney's two-sided p-value (see {@link #mannWhitney}), or null when a sample is empty. */
  public static Double mannWhitneyP(List<Double> xs, List<Double> ys) {
    MannWhitney m = mannWhitney(xs, ys);
    return m == null ? null : m.p();
  }

  /**
   * The exact two-sided p of a doubled rank sum: every way of choosing which {@code n1} of the
   * pooled values are the first sample is equally likely under the null, ties keeping their
   * mid-ranks; {@code counts[k][s]} counts the ways to pick k of the values seen so far with
   * doubled rank sum s. p = min(1, 2 · min(P(W ≤ w), P(W ≥ w))), as SciPy and R define it.
   */
  private static double exactP(int[] ranks2, int n1, int observed2) {
    int max = 0;
    for (int r : ranks2) max += r;
    double[][] counts = new double[n1 + 1][max + 1];
    counts[0][0] = 1;
    int reach = 0;
    for (int i = 0; i < ranks2.length; i++) {
      int r = ranks2[i];
      reach += r;
      for (int k = Math.min(i + 1, n1); k >= 1; k--) {
        double[] into = counts[k];
        double[] from = counts[k - 1];
        for (int s = reach; s >= r; s--) into[s] += from[s - r];
      }
    }
    double total = 0;
    double atMost = 0;
    double atLeast = 0;
    for (int s = 0; s <= max; s++) {
      double c = counts[n1][s];
      total += c;
      if (s <= observed2) atMost += c;
      if (s >= observed2) atLeast += c;
    }
    return Math.min(1, 2 * Math.min(atMost, atLeast) / total);
  }

  /**
   * Holm's step-down adjustment (Holm 1979): the i-th smallest of m p-values is multiplied by
   * m − i + 1, and the adjusted values are made non-decreasing in that order and capped at 1.
   * Nulls (no test) stay null and do not count in m. Equal to R's {@code p.adjust(p, "holm")}.
   */
  public static List<Double> holm(List<Double> ps) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      if (ps.get(i) != null) order.add(i);
    }
    order.sort(Comparator.comparingDouble(ps::get));
    List<Double> adjusted = new ArrayList<>(java.util.Collections.nCopies(ps.size(), (Double) null));
    int m = order.size();
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order.get(rank);
      running = Math.max(running, Math.min(1, (m - rank) * ps.get(i)));
      adjusted.set(i, running);
    }
    return adjusted;
  }

  /** Hedges' g of xs against ys and its 95 % interval. */
  public record EffectSize(double g, Interval interval) {}

  /**
   * Hedges' g: (mean(xs) − mean(ys)) / pooled sd, times the exact small-sample correction
   * J = Γ(ν/2) / (√(ν/2) Γ((ν − 1)/2)), ν = n1 + n2 − 2 (Hedges 1981). Its 95 % interval inverts
   * the noncentral t distribution of the pooled t statistic (the noncentral t with the
   * noncentrality δ/√(1/n1 + 1/n2) whose 2.5 % and 97.5 % quantiles are the observed t), scaled
   * by the same J: Hedges &amp; Olkin (1985), ch. 5; Steiger &amp; Fouladi (1997). At small n it is
   * much wider than the large-sample ±1.96·√Var(g), rightly. Null with fewer than two values in a
   * sample, or when neither sample varies.
   */
  public static EffectSize hedgesG(List<Double> xs, List<Double> ys) {
    int n1 = xs.size();
    int n2 = ys.size();
    if (n1 < 2 || n2 < 2) return null;
    double df = n1 + n2 - 2;
    double pooled = Math.sqrt(((n1 - 1) * variance(xs) + (n2 - 1) * variance(ys)) / df);
    if (pooled == 0) return null;
    double d = (mean(xs) - mean(ys)) / pooled;
    double j = hedgesCorrection(df);
    double scale = Math.sqrt(1.0 / n1 + 1.0 / n2);
    double t = d / scale;
    double alpha = 1 - LEVEL;
    double lowNcp = NoncentralT.noncentralityFor(t, df, 1 - alpha / 2);
    double highNcp = NoncentralT.noncentralityFor(t, df, alpha / 2);
    return new EffectSize(j * d, new Interval(j * lowNcp * scale, j * highNcp * scale, NONCENTRAL_T));
  }

  /** Hedges' small-sample correction J(ν), exactly (through log-gamma, so large ν do not overflow). */
  static double hedgesCorrection(double df) {
    return Math.exp(Gamma.logGamma(df / 2) - 0.5 * Math.log(df / 2) - Gamma.logGamma((df - 1) / 2));
  }

  /** The 97.5 % quantile of Student's t with {@code df} degrees of freedom (any real df > 0). */
  static double quantileT(double df) {
    return NoncentralT.central(df).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
  }

  /** Sample variance (n − 1); callers ensure two values. */
  private static double variance(List<Double> xs) {
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) ss += (x - m) * (x - m);
    return ss / (xs.size() - 1);
  }
}
