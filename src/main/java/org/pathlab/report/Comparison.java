package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Arms compared with the statistics of the baseline-gap report, against something other than the
 * baseline: every arm of an experiment against one chosen arm ({@link #againstArm}), or each arm
 * of one experiment against the arm of the same name and the same tasks in another ({@link
 * #between}; learning rates and bias resets may differ — what a fork usually changes — and each
 * row shows both paths). Each row is a {@link Contrast} on the loss and one on accuracy: paired by
 * seed where both sides finished the same seeds from the same initial weights (the journal's hashes
 * prove it; a fork with other seeds, or a journal that predates the hashes, is unpaired and the row
 * says why), with the paired or Welch interval and test, Holm-adjusted over the rows; Welch's p
 * beside it. The verdict rests on the first experiment's metric (the loss by default). Runs capped
 * by max-epochs on either side make a row's verdict "inconclusive: training budget", as in the report.
 */
public record Comparison(String title, String reference, List<Row> rows, List<String> unmatched, Double margin) {

  /**
   * One arm against its reference: {@code gap}, {@code gapCi}, {@code p} and {@code holmP} are
   * the loss contrast's (its design's interval and test), {@code welchP} the unpaired test beside
   * it; {@code loss} and {@code accuracy} hold everything.
   */
  public record Row(String arm, String path, String against, String againstPath, int n, int againstN, Double mean, Double againstMean, Double gap,
      Statistics.Interval gapCi, Double welchP, Double holmP, Double hedgesG, String verdict, String design, Double p, Contrast loss,
      Contrast accuracy, Equivalence equivalence) {}

  /** Every arm of {@code report}'s experiment but {@code arm} against {@code arm}; an unknown arm is refused with the known ones. */
  public static Comparison againstArm(Report report, String arm) {
    Report.ArmSummary reference = report.arms().stream().filter(a -> a.arm().equals(arm)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("experiment " + report.experimentId() + " has no arm '" + arm + "'; its arms are "
            + report.arms().stream().map(Report.ArmSummary::arm).toList()));
    List<Report.ArmSummary[]> pairs = new ArrayList<>();
    for (Report.ArmSummary a : report.arms()) if (!a.arm().equals(arm)) pairs.add(new Report.ArmSummary[] {a, reference});
    return new Comparison("Experiment " + report.experimentId() + ": every arm against arm " + arm, "arm " + arm,
        rows(pairs, "arm " + arm, metric(report), null), List.of(), null);
  }

  /**
   * Each arm of {@code second} against the arm of the same name and tasks in {@code first} (gap:
   * second minus first); arms found in one only are listed as unmatched.
   */
  public static Comparison between(Report first, Report second) {
    return between(first, second, null);
  }

  /**
   * The same, and where {@code margin} is not null each row's equivalence within ±margin in final
   * test loss ({@link Equivalence}: TOST, Holm-adjusted over the rows).
   */
  public static Comparison between(Report first, Report second, Double margin) {
    if (margin != null && !(margin > 0 && Double.isFinite(margin))) {
      throw new IllegalArgumentException("margin = " + margin + "; use a positive number (a difference in final test loss, e.g. 0.005)");
    }
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
        + ", arm by arm (same name and tasks)", reference, rows(pairs, reference, metric(first), margin), unmatched, margin);
  }

  private static org.pathlab.scenario.Metric metric(Report report) {
    return org.pathlab.scenario.Metric.orDefault(report.metric());
  }

  /** The same name and the same tasks in order (a path as {@link ReportBuilder#describe} writes it, less its learning processes). */
  private static boolean same(Report.ArmSummary x, Report.ArmSummary y) {
    return x.arm().equals(y.arm()) && tasks(x.path()).equals(tasks(y.path()));
  }

  private static String tasks(String path) {
    return path.replace("BR, ", "").replaceAll(" @ lr [^ ]+", "");
  }

  private static List<Row> rows(List<Report.ArmSummary[]> pairs, String reference, org.pathlab.scenario.Metric metric, Double margin) {
    List<Contrast> losses = new ArrayList<>();
    List<Contrast> accuracies = new ArrayList<>();
    List<Equivalence> equivalences = new ArrayList<>();
    for (Report.ArmSummary[] p : pairs) {
      Contrast loss = Contrast.of(p[1].arm(), org.pathlab.scenario.Metric.TEST_LOSS, p[0].seeds(), p[1].seeds());
      losses.add(loss);
      accuracies.add(Contrast.of(p[1].arm(), org.pathlab.scenario.Metric.TEST_ACCURACY, p[0].seeds(), p[1].seeds()));
      equivalences.add(margin == null ? null : Equivalence.of(p[0].seeds(), p[1].seeds(), loss.paired(), margin));
    }
    equivalences = Equivalence.holm(equivalences);
    losses = Contrast.holm(losses);
    accuracies = Contrast.holm(accuracies);
    List<Contrast> primary = metric == org.pathlab.scenario.Metric.TEST_LOSS ? losses : accuracies;
    int tested = (int) primary.stream().filter(c -> c.p() != null).count();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Report.ArmSummary a = pairs.get(i)[0];
      Report.ArmSummary b = pairs.get(i)[1];
      List<Double> x = losses(a);
      List<Double> y = losses(b);
      Statistics.EffectSize g = Statistics.hedgesG(x, y);
      Contrast loss = losses.get(i);
      Contrast accuracy = accuracies.get(i);
      Contrast main = metric == org.pathlab.scenario.Metric.TEST_LOSS ? loss : accuracy;
      String where = reference.startsWith("arm") ? reference : "the same arm of " + reference;
      var outcome = new Verdicts.Outcome(metric, main, a.training().capped(), b.training().capped(), tested, null, null);
      String verdict = Verdicts.verdict(outcome, where);
      boolean tests = main.n() >= 2 && main.referenceN() >= 2 && !main.undefined() && a.training().capped() == 0
          && b.training().capped() == 0;
      if (tests) verdict += "; " + Verdicts.agreement(metric, main, metric == org.pathlab.scenario.Metric.TEST_LOSS ? accuracy : loss);
      rows.add(new Row(a.arm(), a.path(), b.arm(), b.path(), x.size(), y.size(), Statistics.mean(x), Statistics.mean(y),
          loss.difference(), loss.ci(), loss.welchP(), loss.holmP(), g == null ? null : g.g(), verdict, loss.design(), loss.p(),
          loss, accuracy, equivalences.get(i)));
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
    out.append("| arm | against | seeds | mean final test loss | reference mean | gap [95 % CI] (method) | design | p | Holm p "
        + "| Welch p (unpaired) | g | accuracy difference [95 % CI] (method), Holm p |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      Contrast acc = r.accuracy();
      out.append(String.format(Locale.ROOT, "| %s | %s | %d vs %d | %s | %s | %s %s | %s | %s | %s | %s | %s | %s |%n", r.arm(),
          r.against(), r.n(), r.againstN(), num(r.mean()), num(r.againstMean()), signed(r.gap()),
          r.gapCi() == null ? "" : "[" + signed(r.gapCi().low()) + ", " + signed(r.gapCi().high()) + "] (" + r.gapCi().method() + ")",
          r.design(), num(r.p()), num(r.holmP()), num(r.welchP()),
          r.hedgesG() == null ? "—" : String.format(Locale.ROOT, "%.2f", r.hedgesG()),
          acc == null || acc.difference() == null ? "—" : MarkdownReport.difference(acc, true) + ", " + num(acc.holmP())));
    }
    out.append('\n');
    for (Row r : rows) {
      out.append("- **").append(r.arm()).append("**: ").append(r.verdict());
      if (!r.path().equals(r.againstPath())) out.append("; paths: ").append(r.path()).append(" against ").append(r.againstPath());
      out.append('\n');
    }
    for (String u : unmatched) out.append("- not compared: ").append(u).append('\n');
    if (margin != null) EquivalenceMarkdown.append(out, rows, margin);
    out.append("\nGap: mean final test loss minus ").append(reference.startsWith("arm") ? "the reference arm's" : "the same arm's in "
        + reference).append(". Design \"paired by seed\" where both sides finished the same seeds from the same initial weights "
        + "(the journal's hashes): the paired t-interval and test; else \"unpaired\": Welch's. p: that test, Holm-adjusted over "
        + "the rows; Welch p: the unpaired test beside it; g: Hedges' g (unpaired); accuracy: the same contrast on final test "
        + "accuracy (pp = percentage points), Holm-adjusted.\n");
    return out.toString();
  }

  private static String num(Double x) {
    return x == null ? "—" : String.format(Locale.ROOT, "%.4g", x);
  }

  private static String signed(Double x) {
    return x == null ? "—" : String.format(Locale.ROOT, "%+.4f", x);
  }
}
