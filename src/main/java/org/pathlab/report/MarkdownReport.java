package org.pathlab.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a report as the Markdown a researcher reads on a terminal or pastes into notes. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(Report r) {
    StringBuilder out = new StringBuilder();
    out.append("# Experiment ").append(r.experimentId()).append(" — ").append(r.scenario()).append("\n\n");
    out.append(String.format(Locale.ROOT, "%s on %s · %s · %d/%d tasks done",
        r.widths() == null ? r.model() : r.model() + " (" + r.widths().describe() + ")", r.dataset(), r.status(), r.tasksCompleted(), r.tasksTotal()));
    if (r.tasksReused() > 0) {
      out.append(String.format(Locale.ROOT, " · %d of them reused from identical path prefixes (not trained again: "
          + "same checkpoint, same numbers)", r.tasksReused()));
    }
    out.append("\n\n");
    // pathlab's assumptions where the paper states none: a reader must know which blur and shift these numbers are for
    out.append(String.format(Locale.ROOT, "Transforms: blur shrinks with the %s filter; shift moves up to ±%d pixels per axis "
        + "at level 1 (docs/transforms.md).\n\n", r.blurFilter(), r.shiftMax()));
    out.append("Final target test loss (clean test set) per arm over its finished seeds. Gap = arm mean − baseline mean ")
        .append("(positive: worse than the baseline).\n\n");
    out.append(howToRead(r)).append("\n");
    out.append("| arm | path | seeds | mean loss ± sd | median | 95 % CI | mean accuracy | gap to baseline [95 % CI] "
        + "| Hedges' g [95 % CI] | Welch p | Holm p | Mann–Whitney p | detectable gap | epochs per run | verdict |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      out.append("| ").append(cell(a.arm())).append(a.baseline() ? " (baseline)" : "")
          .append(" | ").append(cell(a.path()))
          .append(" | ").append(a.finished()).append("/").append(a.seeds().size())
          .append(" | ").append(num(a.meanLoss())).append(a.sdLoss() == null ? "" : " ± " + num(a.sdLoss()))
          .append(" | ").append(num(a.medianLoss()))
          .append(" | ").append(interval(a.lossCi()))
          .append(" | ").append(num(a.meanAccuracy()))
          .append(" | ").append(a.baseline() || a.gap() == null ? "—" : signed(a.gap()) + (a.gapCi() == null ? "" : " " + interval(a.gapCi())))
          .append(" | ").append(a.baseline() ? "—" : effect(a.hedgesG()))
          .append(" | ").append(p(a.welchP()))
          .append(" | ").append(p(a.welchPHolm()))
          .append(" | ").append(p(a.mannWhitneyP()))
          .append(" | ").append(num(a.detectableGap()))
          .append(" | ").append(training(a.training()))
          .append(" | ").append(a.verdict())
          .append(" |\n");
    }
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
    String sd = Report.PowerBasis.OBSERVED.equals(pb.sdSource())
        ? "the baseline's observed sd, " + Fixed.of(pb.sd(), 4)
        : "an assumed sd of " + Fixed.of(pb.sd(), 4) + " (no baseline sd yet: fewer than two finished baseline seeds, or no spread)";
    return "- **95 % CI**: Student's t for an arm's mean and Welch's t (Welch–Satterthwaite degrees of freedom) for a gap; "
        + "a percentile bootstrap only where every sample has " + Statistics.BOOTSTRAP_MIN + " or more seeds (report.json "
        + "names the method of each interval). Per arm, not adjusted for multiplicity.\n"
        + "- **Welch p** tests the arm against the baseline; **Holm p** is the same p adjusted by Holm's step-down method over "
        + "the " + r.comparisons() + " arm" + (r.comparisons() == 1 ? "" : "s") + " compared, and the verdict uses it at "
        + ReportBuilder.ALPHA + ". **Mann–Whitney p** (exact below " + Statistics.EXACT_MANN_WHITNEY_BELOW
        + " seeds per sample, ties included; normal approximation beyond) is a check that no verdict uses.\n"
        + "- **Hedges' g**: the gap in pooled sds, bias-corrected, with a 95 % CI from the noncentral t distribution.\n"
        + "- **detectable gap**: the smallest true gap Welch's test finds with " + Math.round(pb.power() * 100) + " % power "
        + "(two-sided " + pb.alpha() + ", before Holm) for the arm's and the baseline's finished seeds, at " + sd + ".\n"
        + "- **epochs per run**: epochs trained along the path, mean over finished runs (reused prefixes included). "
        + "\"capped\" counts runs with a task that max-epochs stopped while its validation loss still improved (best epoch "
        + "within the last patience epochs): a verdict involving them reads \"inconclusive: training budget\".\n";
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

  private static String effect(Statistics.EffectSize g) {
    return g == null ? "—" : Fixed.signed(g.g(), 2) + " " + interval(g.interval(), 2);
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
