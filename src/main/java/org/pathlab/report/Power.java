package org.pathlab.report;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * How small a gap an experiment's seeds can find: the smallest true difference of mean final
 * losses that Welch's two-sided test at {@link #ALPHA} detects with probability {@link #POWER}.
 *
 * <p>Computed for equal true sds in arm and baseline: Welch's statistic is then approximately
 * noncentral t with the Welch–Satterthwaite degrees of freedom ν = (1/n₁ + 1/n₂)² / (1/(n₁²(n₁−1)) +
 * 1/(n₂²(n₂−1))) and noncentrality Δ / (σ√(1/n₁ + 1/n₂)); the power is P(|T| > t₀.₉₇₅,ν), both tails.
 * For n₁ = n₂ this is exactly R's {@code power.t.test(..., strict = TRUE)} (ν = 2(n − 1)), the
 * pooled t-test's power; for unequal n the smaller Welch ν makes it a little more cautious than the
 * pooled test's. Reference values: R's power.t.test and SciPy's {@code nct} (src/test/resources/stats/).
 * Values are per comparison, before Holm's adjustment (whose first step tests at 0.05 / arms, asking
 * for more).
 */
public final class Power {

  public static final double ALPHA = 0.05;
  public static final double POWER = 0.80;

  /**
   * The sd of final target test losses assumed before a baseline has two finished seeds (and by
   * {@code pathlab validate}): about the sd of the 3-seed baselines of the CPU minis in docs/results
   * (0.043 and 0.077 on Fashion-MNIST, 2,000 training images). A rough guide only: real scenarios
   * (more data, more epochs) usually vary less, so the report switches to the observed sd as soon
   * as there is one.
   */
  public static final double ASSUMED_SD = 0.05;

  /** Seeds per group beyond which {@link #seedsFor} stops looking. */
  static final int MAX_SEEDS = 100_000;

  private Power() {}

  /**
   * The smallest true gap, in units of the losses' sd, that n₁ vs n₂ seeds detect with 80 % power
   * (two-sided 0.05); null when a group has fewer than two seeds (no test at all).
   */
  public static Double detectableEffect(int n1, int n2) {
    if (n1 < 2 || n2 < 2) return null;
    double df = welchDf(n1, n2);
    double critical = NoncentralT.central(df).inverseCumulativeProbability(1 - ALPHA / 2);
    double ncp = new BrentSolver(1e-12, 1e-12)
        .solve(10_000, d -> NoncentralT.twoSidedPower(critical, df, d) - POWER, 0, 1_000);
    return ncp * Math.sqrt(1.0 / n1 + 1.0 / n2);
  }

  /** Welch–Satterthwaite degrees of freedom when both groups have the same true sd. */
  static double welchDf(int n1, int n2) {
    double a = 1.0 / n1;
    double b = 1.0 / n2;
    return (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
  }

  /**
   * The fewest seeds per group (arm and baseline alike) that detect a true gap of {@code effect}
   * sds with 80 % power; null when more than {@link #MAX_SEEDS} would be needed.
   */
  public static Integer seedsFor(double effect) {
    if (!(effect > 0)) throw new IllegalArgumentException("the effect must be > 0, got " + effect);
    int high = 2;
    while (detectableEffect(high, high) > effect) {
      if (high >= MAX_SEEDS) return null;
      high = Math.min(MAX_SEEDS, high * 2);
    }
    // detectableEffect falls as n grows: the smallest n that reaches the effect lies in (high/2, high]
    int low = Math.max(1, high / 2);
    while (high - low > 1) {
      int mid = (low + high) >>> 1;
      if (detectableEffect(mid, mid) > effect) low = mid;
      else high = mid;
    }
    return high;
  }
}
