package org.pathlab.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.pathlab.scenario.Metric;

/** Renders a report as the Markdown a researcher reads on a terminal or pastes into notes. */
public final class MarkdownReport {

  private MarkdownReport() {}

  /** The header's word for the arithmetic the runs trained in. */
  static String precision(String id) {
    return "bf16".equals(id) ? "bf16 mixed precision (fp32 master weights, docs/scenarios.md)" : "fp32";
  }

  public static String render(Report r) {
    StringBuilder out = new StringBuilder();
    out.append("# Experiment ").append(r.experimentId()).append(" — ").append(r.scenario()).append("\n\n");
    out.append(String.format(Locale.ROOT, "%s on %s · %s · %s · %d/%d tasks done",
        r.widths() == null ? r.model() : r.model() + " (" + r.widths().describe() + ")", r.dataset(), precision(r.precision()), r.status(),
        r.tasksCompleted(), r.tasksTotal()));
    if (r.tasksReused() > 0) {
      out.append(String.format(Locale.ROOT, " · %d of them reused from identical path prefixes (not trained again: "
          + "same checkpoint, same numbers)", r.tasksReused()));
    }
    out.append("\n\n");
    // pathlab's assumptions where the paper states none: a reader must know which blur and shift these numbers are for
    out.append(String.format(Locale.ROOT, "Transforms: blur shrinks with the %s filter; shift moves up to ±%d pixels per axis "
        + "at level 1 (docs/transforms.md).\n\n", r.blurFilter(), r.shiftMax()));
    Metric metric = Metric.orDefault(r.metric());
    out.append("Final target test loss and accuracy (clean test set) per arm over its finished seeds. Gap = arm mean − ")
        .append("baseline mean (loss: positive is worse; accuracy: positive is better). The verdicts rest on the ")
        .append(metric.label()).append(metric == Metric.TEST_LOSS ? " (the paper's number)" : " (the scenario's metric)")
        .append(" and say whether ").append(metric.other().label()).append(" agrees.\n\n");
    out.append(howToRead(r)).append("\n");
    out.append("| arm | path | seeds | mean loss ± sd | median | 95 % CI (t) | mean accuracy ± sd | loss gap to baseline [95 % CI] "
        + "(method) | design | p | Holm p | Welch p (unpaired) | effect size | check p | accuracy difference [95 % CI], Holm p "
        + "| detectable gap | epochs per run | verdict |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      Contrast loss = a.vsBaseline() == null ? null : a.vsBaseline().loss();
      Contrast accuracy = a.vsBaseline() == null ? null : a.vsBaseline().accuracy();
      out.append("| ").append(cell(a.arm())).append(a.baseline() ? " (baseline)" : "")
          .append(" | ").append(cell(a.path()))
          .append(" | ").append(a.finished()).append("/").append(a.seeds().size())
          .append(" | ").append(num(a.meanLoss())).append(a.sdLoss() == null ? "" : " ± " + num(a.sdLoss()))
          .append(" | ").append(num(a.medianLoss()))
          .append(" | ").append(interval(a.lossCi()))
          .append(" | ").append(num(a.meanAccuracy())).append(a.sdAccuracy() == null ? "" : " ± " + num(a.sdAccuracy()))
          .append(" | ").append(loss == null ? "—" : difference(loss, false))
          .append(" | ").append(loss == null ? "—" : loss.design())
          .append(" | ").append(loss == null ? "—" : p(loss.p()))
          .append(" | ").append(loss == null ? "—" : p(loss.holmP()))
          .append(" | ").append(p(a.welchP()))
          .append(" | ").append(loss == null ? "—" : effect(loss, a.hedgesG()))
          .append(" | ").append(loss == null || loss.checkP() == null ? "—" : check(loss))
          .append(" | ").append(accuracy == null ? "—" : difference(accuracy, true) + ", " + p(accuracy.holmP()))
          .append(" | ").append(num(a.detectableGap()))
          .append(" | ").append(training(a.training()))
          .append(" | ").append(a.verdict())
          .append(" |\n");
    }
    out.append(designs(r));
    out.append(controls(r));
    out.append(powerWarnings(r));
    out.append(budgets(r));
    out.append("\nEpochs to the best validation loss, mean over finished seeds, per task:\n\n");
    out.append("| arm | ").append("best epoch per task").append(" |\n|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      out.append("| ").append(cell(a.arm())).append(" | ")
          .append(a.meanBestEpochs().stream().map(MarkdownReport::epochs).collect(Collectors.joining(" → "))).append(" |\n");
    }
    if (r.arms().stream().anyMatch(a -> !a.meanDeadRelu().isEmpty())) {
      out.append("\nInside the networks after the last task, mean over finished seeds. These are pathlab's own measures, ")
          .append("after the paper's appendix 8.3 but not its definitions: L2 norms of all weights and all biases, and per ")
          .append("ReLU stage the share of units that stay 0 on a fixed probe of 256 clean test images.\n\n");
      out.append("| arm | weight norm | bias norm | ").append(String.join(" | ", r.reluStages())).append(" |\n|---|---|---|")
          .append("---|".repeat(r.reluStages().size())).append("\n");
      for (Report.ArmSummary a : r.arms()) {
        out.append("| ").append(cell(a.arm())).append(" | ").append(num(a.meanWeightNorm())).append(" | ").append(num(a.meanBiasNorm()));
        for (int k = 0; k < r.reluStages().size(); k++) {
          out.append(" | ").append(k < a.meanDeadRelu().size() ? String.format(Locale.ROOT, "%.1f %%", 100 * a.meanDeadRelu().get(k)) : "—");
        }
        out.append(" |\n");
      }
    }
    out.append("\n| arm | seed | status | target test loss | target test accuracy | epochs | best epoch per task | converged |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      for (Report.SeedResult s : a.seeds()) {
        out.append("| ").append(cell(a.arm())).append(" | ").append(s.seed()).append(" | ").append(s.status())
            .append(s.reason() == null ? "" : " (" + cell(s.reason()) + ")")
            .append(" | ").append(num(s.targetTestLoss()))
            .append(" | ").append(num(s.targetTestAccuracy()))
            .append(" | ").append(s.epochs())
            .append(" | ").append(s.bestEpochs().stream().map(String::valueOf).collect(Collectors.joining(", ")))
            .append(" | ").append(converged(s))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  /** The methods in prose, with this report's numbers (Holm's m, the sd behind the detectable gaps). */
  static String howToRead(Report r) {
    Report.PowerBasis pb = r.power();
    return "- **95 % CI**: Student's t for an arm's mean; for a gap, the interval of the row's design, named beside it: "
        + "**paired t** where arm and baseline finished the same seeds and each seed's two runs started from the same "
        + "initial weights (the journal's hashes prove it; the pairs share their random start, so the per-seed differences "
        + "carry the comparison), else **Welch t**. Per arm, not adjusted for multiplicity.\n"
        + "- **p** is the design's test (paired t or Welch) of the arm against the baseline; **Holm p** is that p adjusted by "
        + "Holm's step-down method over the " + r.comparisons() + " arm" + (r.comparisons() == 1 ? "" : "s") + " compared, and "
        + "the verdict uses it at " + ReportBuilder.ALPHA + ". **Welch p (unpaired)** is beside it in either design. **check "
        + "p**: the exact Wilcoxon signed-rank test (paired) or Mann–Whitney U (unpaired; exact below "
        + Statistics.EXACT_MANN_WHITNEY_BELOW + " seeds per sample), which no verdict uses.\n"
        + "- **effect size**: Hedges' g_av (paired: the mean difference over the average of the two sds) or Hedges' g "
        + "(unpaired: the gap in pooled sds, with a 95 % CI from the noncentral t), both bias-corrected.\n"
        + "- **accuracy difference**: the same contrast on final test accuracy, in percentage points (pp), Holm-adjusted.\n"
        + "- **detectable gap**: the smallest true gap Welch's test finds with " + Math.round(pb.power() * 100) + " % power "
        + "(two-sided " + pb.alpha() + ", before Holm) for the arm's and the baseline's finished seeds, at " + pb.describe()
        + "; a paired test detects smaller gaps where the pairs correlate.\n"
        + "- **epochs per run**: epochs trained along the path, mean over finished runs (reused prefixes included). "
        + "\"capped\" counts runs with a task that max-epochs stopped while its validation loss still improved (best epoch "
        + "within the last patience epochs): a verdict involving them reads \"inconclusive: training budget\".\n";
  }

  /** Why each unpaired arm is unpaired (the paired ones need no note). */
  private static String designs(Report r) {
    StringBuilder out = new StringBuilder();
    for (Report.ArmSummary a : r.arms()) {
      if (a.vsBaseline() == null || a.vsBaseline().loss().paired()) continue;
      out.append("- ").append(cell(a.arm())).append(": unpaired, ").append(a.vsBaseline().loss().designReason()).append('\n');
    }
    return out.length() == 0 ? "" : "\nArms compared unpaired with the baseline, and why:\n\n" + out;
  }

  /** Each arm against its control (a path of the same length or rate without the curriculum), where it names one. */
  private static String controls(Report r) {
    if (r.arms().stream().noneMatch(a -> a.vsControl() != null)) return "";
    StringBuilder out = new StringBuilder("\nAgainst its control: each arm minus the arm it names as its control, with the ")
        .append("same statistics (Holm over the arms with a control). A gap to the baseline that the control shares is the ")
        .append("path's length or learning rate, not its curriculum.\n\n")
        .append("| arm | control | control's epochs per run | loss difference [95 % CI] (method) | design | p | Holm p | ")
        .append("accuracy difference [95 % CI], Holm p | verdict |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      if (a.vsControl() == null) continue;
      Contrast loss = a.vsControl().loss();
      Report.ArmSummary control = r.arms().stream().filter(x -> x.arm().equals(a.control())).findFirst().orElseThrow();
      out.append("| ").append(cell(a.arm())).append(" | ").append(cell(a.control())).append(" | ").append(training(control.training()))
          .append(" | ").append(difference(loss, false)).append(" | ").append(loss.design()).append(" | ").append(p(loss.p()))
          .append(" | ").append(p(loss.holmP())).append(" | ").append(difference(a.vsControl().accuracy(), true)).append(", ")
          .append(p(a.vsControl().accuracy().holmP())).append(" | ").append(a.controlVerdict()).append(" |\n");
    }
    return out.toString();
  }

  /** "+0.0161 [0.0063, 0.0252] (paired t)"; accuracy in percentage points: "-0.37 [-0.80, +0.06] pp (paired t)". */
  static String difference(Contrast c, boolean percentagePoints) {
    if (c.difference() == null) return "—";
    if (percentagePoints) {
      if (c.ci() == null) return Verdicts.percentagePoints(c.difference());
      return Fixed.signed(100 * c.difference(), 2) + " [" + Fixed.signed(100 * c.ci().low(), 2) + ", "
          + Fixed.signed(100 * c.ci().high(), 2) + "] pp (" + c.ci().method() + ")";
    }
    return signed(c.difference()) + (c.ci() == null ? "" : " " + interval(c.ci()) + " (" + c.ci().method() + ")");
  }

  private static String effect(Contrast c, Statistics.EffectSize g) {
    if (c.paired()) return c.effectSize() == null ? "—" : "g_av " + Fixed.signed(c.effectSize(), 2);
    return g == null ? "—" : "g " + Fixed.signed(g.g(), 2) + " " + interval(g.interval(), 2);
  }

  private static String check(Contrast c) {
    return (c.paired() ? "Wilcoxon " : "Mann–Whitney ") + p(c.checkP());
  }

  /** One warning per arm whose seeds cannot detect the scenario's detectable-gap. */
  private static String powerWarnings(Report r) {
    Double threshold = r.power().threshold();
    if (threshold == null) return "";
    StringBuilder out = new StringBuilder();
    Integer seeds = null;
    for (Report.ArmSummary a : r.arms()) {
      if (a.detectableGap() == null || a.detectableGap() <= threshold) continue;
      // the same for every arm (it depends on the threshold and the sd only): solved once
      if (out.length() == 0) seeds = Power.seedsFor(threshold / r.power().sd());
      out.append(String.format(Locale.ROOT, "- ⚠ %s: its seeds detect gaps of %s or more, larger than the scenario's "
          + "detectable-gap = %s; %s\n", cell(a.arm()), num(a.detectableGap()), Fixed.of(threshold, 4),
          seeds == null ? "no feasible number of seeds would reach it" : "about " + seeds + " seeds in arm and baseline each would detect it"));
    }
    return out.length() == 0 ? "" : "\nPower against the scenario's detectable-gap:\n\n" + out;
  }

  /** Fig. 5's paths: tasks and epochs per path, since ordered paths train 2N − 1 tasks where the diagonal trains N. */
  private static String budgets(Report r) {
    if (r.arms().stream().noneMatch(a -> a.shape() != null)) return "";
    StringBuilder out = new StringBuilder("\n2-D paths and their training budgets. A path that lowers one transform and then ")
        .append("the other has 2N − 1 tasks; the diagonal lowers both at once in N: the ordered paths train about twice as ")
        .append("many tasks, so compare their epochs as well as their losses.\n\n")
        .append("| arm | transforms | order | N | tasks per run | epochs per run | gap to baseline |\n|---|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      if (a.shape() == null) continue;
      out.append("| ").append(cell(a.arm())).append(" | ").append(a.shape().pair()).append(" | ").append(a.shape().order())
          .append(" | ").append(a.shape().steps()).append(" | ").append(a.training().tasksPerRun())
          .append(" | ").append(epochs(a.training().meanEpochs())).append(" | ").append(signed(a.gap())).append(" |\n");
    }
    return out.toString();
  }

  private static String training(Report.Training t) {
    String capped = t.capped() == 0 ? "" : " (" + t.capped() + " capped)";
    return epochs(t.meanEpochs()) + capped;
  }

  private static String converged(Report.SeedResult s) {
    if (s.cappedTasks().isEmpty()) return s.tasksCompleted() == 0 ? "—" : "yes";
    return "no: max-epochs stopped task" + (s.cappedTasks().size() == 1 ? " " : "s ")
        + s.cappedTasks().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  static String num(Double x) {
    return x == null ? "—" : Fixed.of(x, 4);
  }

  private static String signed(Double x) {
    return x == null ? "—" : Fixed.signed(x, 4);
  }

  private static String p(Double x) {
    return x == null ? "—" : String.format(Locale.ROOT, "%.3g", x);
  }

  private static String epochs(Double x) {
    return x == null ? "—" : Fixed.of(x, 1);
  }

  private static String interval(Statistics.Interval i) {
    return interval(i, 4);
  }

  private static String interval(Statistics.Interval i, int decimals) {
    return i == null ? "—" : "[" + Fixed.of(i.low(), decimals) + ", " + Fixed.of(i.high(), decimals) + "]";
  }
}
