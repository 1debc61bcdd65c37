package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Whether two sets of runs end the same within a margin: the two one-sided tests (TOST) on the
 * difference of final test losses, arm − reference. Each tests one bound: H0 difference ≤ −margin
 * against difference > −margin, and H0 difference ≥ +margin against difference < +margin; {@code p}
 * is the larger of their p-values, and the difference is shown within ±margin at level α when p < α,
 * which is the same as the 1 − 2α interval (90 % for α = 0.05) lying inside ±margin.
 * {@code smallestMargin} is the margin the data allow: the largest bound of that 90 % interval
 * in absolute value. Paired by seed where the loss contrast is paired (the same seeds from the
 * same initial weights), with n − 1 degrees of freedom; otherwise Welch's standard error and
 * degrees of freedom. {@code holmP}: {@code p} adjusted by Holm's method over the rows compared.
 */
public record Equivalence(double margin, String design, int n, Double difference, Statistics.Interval ci90, Double pLower,
    Double pUpper, Double p, Double holmP, Double smallestMargin) {

  /** The level each equivalence claim is made at (after Holm's adjustment). */
  public static final double ALPHA = 0.05;

  /** Whether the difference is shown within ±margin (Holm-adjusted p below {@link #ALPHA}). */
  public boolean equivalent() {
    return holmP != null && holmP < ALPHA;
  }

  Equivalence withHolm(Double adjusted) {
    return new Equivalence(margin, design, n, difference, ci90, pLower, pUpper, p, adjusted, smallestMargin);
  }

  /** {@code arm}'s final test losses against {@code reference}'s, paired by seed where {@code paired}; null with fewer than two a side. */
  static Equivalence of(List<Report.SeedResult> arm, List<Report.SeedResult> reference, boolean paired, double margin) {
    Map<Long, Double> x = losses(arm);
    Map<Long, Double> y = losses(reference);
    if (x.size() < 2 || y.size() < 2) return null;
    double difference;
    double se;
    double df;
    int n;
    if (paired && x.keySet().equals(y.keySet())) {
      List<Double> d = new ArrayList<>();
      for (Long seed : x.keySet()) d.add(x.get(seed) - y.get(seed));
      difference = Statistics.mean(d);
      se = Statistics.sd(d) / Math.sqrt(d.size());
      df = d.size() - 1;
      n = d.size();
    } else {
      Statistics.Welch w = Statistics.welch(List.copyOf(x.values()), List.copyOf(y.values()));
      if (w == null) return null;
      difference = w.difference();
      se = w.standardError();
      df = w.df();
      n = Math.min(x.size(), y.size());
      paired = false;
    }
    String design = paired ? Contrast.PAIRED : Contrast.UNPAIRED;
    if (!(se > 0)) {
      // no spread at all: the difference is what it is, exactly
      boolean inside = Math.abs(difference) < margin;
      return new Equivalence(margin, design, n, difference, new Statistics.Interval(difference, difference, "none: no spread"),
          inside ? 0.0 : 1.0, inside ? 0.0 : 1.0, inside ? 0.0 : 1.0, null, Math.abs(difference));
    }
    TDistribution t = new TDistribution(null, df);
    double pLower = 1 - t.cumulativeProbability((difference + margin) / se);
    double pUpper = t.cumulativeProbability((difference - margin) / se);
    double half = t.inverseCumulativeProbability(1 - ALPHA) * se;
    var ci = new Statistics.Interval(difference - half, difference + half, paired ? "paired t, 90 %" : "Welch t, 90 %");
    return new Equivalence(margin, design, n, difference, ci, pLower, pUpper, Math.max(pLower, pUpper), null,
        Math.max(Math.abs(ci.low()), Math.abs(ci.high())));
  }

  /** Holm's adjustment of each row's TOST p (nulls stay null). */
  static List<Equivalence> holm(List<Equivalence> rows) {
    List<Double> ps = new ArrayList<>();
    for (Equivalence e : rows) ps.add(e == null ? null : e.p());
    List<Double> adjusted = Statistics.holm(ps);
    List<Equivalence> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) out.add(rows.get(i) == null ? null : rows.get(i).withHolm(adjusted.get(i)));
    return out;
  }

  private static Map<Long, Double> losses(List<Report.SeedResult> seeds) {
    Map<Long, Double> out = new TreeMap<>();
    for (Report.SeedResult s : seeds) {
      if (s.status().equals("finished") && s.targetTestLoss() != null) out.put(s.seed(), s.targetTestLoss());
    }
    return out;
  }
}
