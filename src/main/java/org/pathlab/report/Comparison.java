package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Arms compared with the statistics of the baseline-gap report, against something other than the
 * baseline: every arm of an experiment against one chosen arm ({@link #againstArm}), or each arm
 * of one experiment against the arm of the same name and the same tasks in another ({@link
 * #between}; learning rates and bias resets may differ — what a fork usually changes — and each
 * row shows both paths). The
 * gap is the arm's mean final test loss minus the reference's, with Welch's 95 % interval; p is
 * Welch's test, Holm-adjusted over the rows; g is Hedges' g. Runs capped by max-epochs on either
 * side make a row's verdict "inconclusive: training budget", as in the report.
 */
public record Comparison(String title, String reference, List<Row> rows, List<String> unmatched) {

  /** One arm against its reference. */
  public record Row(String arm, String path, String against, String againstPath, int n, int againstN, Double mean, Double againstMean, Double gap,
      Statistics.Interval gapCi, Double welchP, Double holmP, Double hedgesG, String verdict) {}

  /** Every arm of {@code report}'s experiment but {@code arm} against {@code arm}; an unknown arm is refused with the known ones. */
  public static Comparison againstArm(Report report, String arm) {
    Report.ArmSummary reference = report.arms().stream().filter(a -> a.arm().equals(arm)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("experiment " + report.experimentId() + " has no arm '" + arm + "'; its arms are "
            + report.arms().stream().map(Report.ArmSummary::arm).toList()));
    List<Report.ArmSummary[]> pairs = new ArrayList<>();
    for (Report.ArmSummary a : report.arms()) if (!a.arm().equals(arm)) pairs.add(new Report.ArmSummary[] {a, reference});
    return new Comparison("Experiment " + report.experimentId() + ": every arm against arm " + arm, "arm " + arm,
        rows(pairs, "arm " + arm), List.of());
  }

  /**
   * Each arm of {@code second} against the arm of the same name and tasks in {@code first} (gap:
   * second minus first); arms found in one only are listed as unmatched.
   */
  public static Comparison between(Report first, Report second) {
    List<Report.ArmSummary[]> pairs = new ArrayList<>();
    List<String> unmatched = new ArrayList<>();
    for (Report.ArmSummary b : second.arms()) {
      Report.ArmSummary a = first.arms().stream().filter(x -> same(x, b)).findFirst().orElse(null);
      if (a == null) unmatched.add(b.arm() + " (only in " + second.experimentId() + ", or with other tasks)");
      else pairs.add(new Report.ArmSummary[] {b, a});
    }
    for (Report.ArmSummary a : first.arms()) {
      if (second.arms().stream().noneMatch(x -> same(x, a))) {
        unmatched.add(a.arm() + " (only in " + first.experimentId() + ", or with other tasks)");
      }
    }
    String reference = "experiment " + first.experimentId();
    return new Comparison("Experiment " + second.experimentId() + " against experiment " + first.experimentId()
        + ", arm by arm (same name and tasks)", reference, rows(pairs, reference), unmatched);
  }

  /** The same name and the same tasks in order (a path as {@link ReportBuilder#describe} writes it, less its learning processes). */
  private static boolean same(Report.ArmSummary x, Report.ArmSummary y) {
    return x.arm().equals(y.arm()) && tasks(x.path()).equals(tasks(y.path()));
  }

  private static String tasks(String path) {
    return path.replace("BR, ", "").replaceAll(" @ lr [^ ]+", "");
  }

  private static List<Row> rows(List<Report.ArmSummary[]> pairs, String reference) {
    List<Double> ps = new ArrayList<>();
    for (Report.ArmSummary[] p : pairs) ps.add(Statistics.welchP(losses(p[0]), losses(p[1])));
    List<Double> holm = Statistics.holm(ps);
    int tested = (int) ps.stream().filter(p -> p != null).count();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Report.ArmSummary a = pairs.get(i)[0];
      Report.ArmSummary b = pairs.get(i)[1];
      List<Double> x = losses(a);
      List<Double> y = losses(b);
      Double ma = Statistics.mean(x);
      Double mb = Statistics.mean(y);
      Double gap = ma != null && mb != null ? ma - mb : null;
      Statistics.EffectSize g = Statistics.hedgesG(x, y);
      var outcome = new ReportBuilder.Outcome(x.size(), y.size(), a.training().capped(), b.training().capped(),
          Statistics.noSpread(x, y), gap, ps.get(i), holm.get(i), tested, null, null);
      String where = reference.startsWith("arm") ? reference : "the same arm of " + reference;
      rows.add(new Row(a.arm(), a.path(), b.arm(), b.path(), x.size(), y.size(), ma, mb, gap,
          Statistics.differenceInterval(x, y, 2_000L + i), ps.get(i), holm.get(i), g == null ? null : g.g(),
          ReportBuilder.verdict(outcome, where)));
    }
    return rows;
  }

  /** The final test losses of an arm's finished seeds. */
  private static List<Double> losses(Report.ArmSummary arm) {
    return arm.seeds().stream().filter(s -> s.status().equals("finished") && s.targetTestLoss() != null)
        .map(Report.SeedResult::targetTestLoss).toList();
  }

  /** As Markdown: a table, then the verdicts and what was left unmatched. */
  public String markdown() {
    StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
    out.append("| arm | against | seeds | mean final test loss | reference mean | gap [95 % CI] | Holm p | g |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d vs %d | %s | %s | %s %s | %s | %s |%n", r.arm(), r.against(), r.n(),
          r.againstN(), num(r.mean()), num(r.againstMean()), signed(r.gap()),
          r.gapCi() == null ? "" : "[" + signed(r.gapCi().low()) + ", " + signed(r.gapCi().high()) + "]", num(r.holmP()),
          r.hedgesG() == null ? "—" : String.format(Locale.ROOT, "%.2f", r.hedgesG())));
    }
    out.append('\n');
    for (Row r : rows) {
      out.append("- **").append(r.arm()).append("**: ").append(r.verdict());
      if (!r.path().equals(r.againstPath())) out.append("; paths: ").append(r.path()).append(" against ").append(r.againstPath());
      out.append('\n');
    }
    for (String u : unmatched) out.append("- not compared: ").append(u).append('\n');
    out.append("\nGap: mean final test loss minus ").append(reference.startsWith("arm") ? "the reference arm's" : "the same arm's in "
        + reference).append(", Welch's 95 % interval; p: Welch's test, Holm-adjusted over the rows; g: Hedges' g.\n");
    return out.toString();
  }

  private static String num(Double x) {
    return x == null ? "—" : String.format(Locale.ROOT, "%.4g", x);
  }

  private static String signed(Double x) {
    return x == null ? "—" : String.format(Locale.ROOT, "%+.4f", x);
  }
}
