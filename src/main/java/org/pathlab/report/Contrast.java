package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pathlab.scenario.Metric;

/**
 * One arm against one reference (the baseline, a control arm, an arm of another experiment) on one
 * metric, with the statistics of the design the data allow.
 *
 * <p>{@link #PAIRED}: both sides finished the same seeds and the journal proves that each seed's
 * two runs started from the same initial weights (equal {@code initialParameters} hashes). Then the
 * per-seed differences carry the test: {@code difference} is their mean, {@code ci} the paired
 * t-interval, {@code p} the paired t-test's, {@code effectSize} Hedges' g_av, {@code checkP} the
 * exact Wilcoxon signed-rank test. Otherwise {@link #UNPAIRED}, and {@code designReason} says why
 * (seeds that differ, a run that did not finish, initial weights not recorded or not equal):
 * Welch's interval and test, Hedges' g, the Mann–Whitney U test. {@code welchP} and {@code welchCi}
 * are the unpaired statistics in either design, so a reader sees both side by side. {@code holmP}:
 * {@code p} adjusted by Holm's method over the arms compared with the same kind of reference on the
 * same metric (set by the report). Differences are arm − reference: for the loss positive is worse,
 * for accuracy positive is better.
 */
public record Contrast(
    String reference,
    String metric,
    String design,
    String designReason,
    int n,
    int referenceN,
    Double difference,
    Statistics.Interval ci,
    Double p,
    Double holmP,
    Double effectSize,
    String effectSizeMethod,
    Double checkP,
    String checkMethod,
    Double welchP,
    Statistics.Interval welchCi) {

  public static final String PAIRED = "paired by seed";
  public static final String UNPAIRED = "unpaired";

  public boolean paired() {
    return PAIRED.equals(design);
  }

  /** The name of this design's test, as a verdict cites it. */
  public String test() {
    return paired() ? "paired t p" : "Welch p";
  }

  /** True where the design's test has no variance to judge by (every value alike, or every pair's difference). */
  public boolean undefined() {
    return n >= 2 && referenceN >= 2 && p == null;
  }

  Contrast withHolm(Double adjusted) {
    return new Contrast(reference, metric, design, designReason, n, referenceN, difference, ci, p, adjusted, effectSize,
        effectSizeMethod, checkP, checkMethod, welchP, welchCi);
  }

  /** {@code arm}'s finished seeds against {@code against}'s on {@code metric}. */
  static Contrast of(String reference, Metric metric, List<Report.SeedResult> arm, List<Report.SeedResult> against) {
    Map<Long, Report.SeedResult> x = finished(arm, metric);
    Map<Long, Report.SeedResult> y = finished(against, metric);
    List<Double> xs = x.values().stream().map(s -> value(s, metric)).toList();
    List<Double> ys = y.values().stream().map(s -> value(s, metric)).toList();
    Statistics.Welch welch = Statistics.welch(xs, ys);
    Double welchP = welch == null ? null : welch.p();
    Statistics.Interval welchCi = welch == null ? null : welch.interval();
    Double mx = Statistics.mean(xs);
    Double my = Statistics.mean(ys);
    Double difference = mx != null && my != null ? mx - my : null;
    String why = unpairedBecause(x, y);
    if (why == null) {
      // seeds in the same (ascending) order on both sides: xs.get(i) and ys.get(i) are one seed's two runs
      PairedStatistics.PairedT t = PairedStatistics.pairedT(xs, ys);
      PairedStatistics.Wilcoxon w = PairedStatistics.wilcoxon(xs, ys);
      return new Contrast(reference, metric.id(), PAIRED, "each seed's runs started from the same initial weights (equal "
          + "hashes in the journal)", xs.size(), ys.size(), difference, t == null ? null : t.interval(), t == null ? null : t.p(),
          null, PairedStatistics.hedgesGav(xs, ys), "Hedges' g_av", w == null ? null : w.p(),
          w == null ? null : "Wilcoxon signed-rank, " + w.method(), welchP, welchCi);
    }
    Statistics.EffectSize g = Statistics.hedgesG(xs, ys);
    Statistics.MannWhitney mw = Statistics.mannWhitney(xs, ys);
    return new Contrast(reference, metric.id(), UNPAIRED, why, xs.size(), ys.size(), difference, welchCi, welchP, null,
        g == null ? null : g.g(), "Hedges' g", mw == null ? null : mw.p(), mw == null ? null : "Mann–Whitney U, " + mw.method(),
        welchP, welchCi);
  }

  /** Null when the two sides can be paired by seed, else why not, in words a report can print. */
  static String unpairedBecause(Map<Long, Report.SeedResult> x, Map<Long, Report.SeedResult> y) {
    if (x.size() < 2 || y.size() < 2) return "fewer than two finished seeds on a side";
    if (!x.keySet().equals(y.keySet())) {
      return "the finished seeds differ (" + x.keySet() + " here, " + y.keySet() + " in the reference)";
    }
    for (var e : x.entrySet()) {
      String a = e.getValue().initialParameters();
      String b = y.get(e.getKey()).initialParameters();
      if (a == null || b == null) {
        return "the journal does not record the runs' initial weights (written before pathlab recorded them), so equal "
            + "starts are not proven";
      }
      if (!a.equals(b)) return "seed " + e.getKey() + "'s runs started from different initial weights";
    }
    return null;
  }

  /** The finished seeds with a value of {@code metric}, by seed in ascending order. */
  private static Map<Long, Report.SeedResult> finished(List<Report.SeedResult> seeds, Metric metric) {
    Map<Long, Report.SeedResult> out = new TreeMap<>();
    for (Report.SeedResult s : seeds) {
      if (s.status().equals("finished") && value(s, metric) != null) out.put(s.seed(), s);
    }
    return out;
  }

  static Double value(Report.SeedResult s, Metric metric) {
    return metric == Metric.TEST_LOSS ? s.targetTestLoss() : s.targetTestAccuracy();
  }

  /** Holm's adjustment of each contrast's p over the list (nulls stay null and do not count). */
  static List<Contrast> holm(List<Contrast> contrasts) {
    List<Double> ps = new ArrayList<>();
    for (Contrast c : contrasts) ps.add(c == null ? null : c.p());
    List<Double> adjusted = Statistics.holm(ps);
    List<Contrast> out = new ArrayList<>();
    for (int i = 0; i < contrasts.size(); i++) out.add(contrasts.get(i) == null ? null : contrasts.get(i).withHolm(adjusted.get(i)));
    return out;
  }
}
