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
        r.model(), r.dataset(), r.status(), r.tasksCompleted(), r.tasksTotal()));
    if (r.tasksReused() > 0) {
      out.append(String.format(Locale.ROOT, " · %d of them reused from identical path prefixes (not trained again: "
          + "same checkpoint, same numbers)", r.tasksReused()));
    }
    out.append("\n\n");
    // pathlab's assumptions where the paper states none: a reader must know which blur and shift these numbers are for
    out.append(String.format(Locale.ROOT, "Transforms: blur shrinks with the %s filter; shift moves up to ±%d pixels per axis "
        + "at level 1 (docs/transforms.md).\n\n", r.blurFilter(), r.shiftMax()));
    out.append("Final target test loss (clean test set) per arm over its finished seeds. Gap = arm mean − baseline mean ")
        .append("(positive: worse than the baseline); 95 % CIs are percentile bootstraps; p-values test the arm against the baseline.\n\n");
    out.append("| arm | path | seeds | mean loss ± sd | median | 95 % CI | mean accuracy | gap to baseline [95 % CI] | Welch p | Mann–Whitney p | verdict |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      out.append("| ").append(cell(a.arm())).append(a.baseline() ? " (baseline)" : "")
          .append(" | ").append(cell(a.path()))
          .append(" | ").append(a.finished()).append("/").append(a.seeds().size())
          .append(" | ").append(num(a.meanLoss())).append(a.sdLoss() == null ? "" : " ± " + num(a.sdLoss()))
          .append(" | ").append(num(a.medianLoss()))
          .append(" | ").append(interval(a.lossCi()))
          .append(" | ").append(num(a.meanAccuracy()))
          .append(" | ").append(a.baseline() ? "—" : signed(a.gap()) + (a.gapCi() == null ? "" : " " + interval(a.gapCi())))
          .append(" | ").append(p(a.welchP()))
          .append(" | ").append(p(a.mannWhitneyP()))
          .append(" | ").append(a.verdict())
          .append(" |\n");
    }
    out.append("\nEpochs to the best validation loss, mean over finished seeds, per task:\n\n");
    out.append("| arm | ").append("best epoch per task").append(" |\n|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      out.append("| ").append(cell(a.arm())).append(" | ")
          .append(a.meanBestEpochs().stream().map(MarkdownReport::epochs).collect(Collectors.joining(" → "))).append(" |\n");
    }
    if (r.arms().stream().anyMatch(a -> !a.meanDeadRelu().isEmpty())) {
      out.append("\nInside the networks after the last task, mean over finished seeds (appendix 8.3 of the paper): ")
          .append("L2 norms of all weights and all biases, and per ReLU stage the share of units that stay 0 on a fixed ")
          .append("probe of 256 clean test images.\n\n");
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
    out.append("\n| arm | seed | status | target test loss | target test accuracy | epochs | best epoch per task |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      for (Report.SeedResult s : a.seeds()) {
        out.append("| ").append(cell(a.arm())).append(" | ").append(s.seed()).append(" | ").append(s.status())
            .append(s.reason() == null ? "" : " (" + cell(s.reason()) + ")")
            .append(" | ").append(num(s.targetTestLoss()))
            .append(" | ").append(num(s.targetTestAccuracy()))
            .append(" | ").append(s.epochs())
            .append(" | ").append(s.bestEpochs().stream().map(String::valueOf).collect(Collectors.joining(", ")))
            .append(" |\n");
      }
    }
    return out.toString();
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
    return i == null ? "—" : "[" + Fixed.of(i.low(), 4) + ", " + Fixed.of(i.high(), 4) + "]";
  }
}
