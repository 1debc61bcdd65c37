package org.pathlab.report;

import java.util.Locale;

/** Renders a report as the Markdown a researcher reads on a terminal or pastes into notes. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(Report r) {
    StringBuilder out = new StringBuilder();
    out.append("# Experiment ").append(r.experimentId()).append(" — ").append(r.scenario()).append("\n\n");
    out.append(String.format(Locale.ROOT, "%s on %s · %s · %d/%d tasks done%n%n",
        r.model(), r.dataset(), r.status(), r.tasksCompleted(), r.tasksTotal()));
    out.append("Final target test loss (clean test set) per arm; gap = arm mean − baseline mean (positive: worse than the baseline).\n\n");
    out.append("| arm | path | seeds done | mean loss | sd loss | mean accuracy | sd accuracy | gap to baseline |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      out.append("| ").append(a.arm()).append(a.baseline() ? " (baseline)" : "")
          .append(" | ").append(a.path())
          .append(" | ").append(a.finished()).append("/").append(a.seeds().size())
          .append(" | ").append(num(a.meanLoss()))
          .append(" | ").append(num(a.sdLoss()))
          .append(" | ").append(num(a.meanAccuracy()))
          .append(" | ").append(num(a.sdAccuracy()))
          .append(" | ").append(a.baseline() ? "—" : signed(a.gap()))
          .append(" |\n");
    }
    out.append("\n| arm | seed | status | target test loss | target test accuracy | epochs |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Report.ArmSummary a : r.arms()) {
      for (Report.SeedResult s : a.seeds()) {
        out.append("| ").append(a.arm()).append(" | ").append(s.seed()).append(" | ").append(s.status())
            .append(s.reason() == null ? "" : " (" + s.reason().replace('|', '/') + ")")
            .append(" | ").append(num(s.targetTestLoss()))
            .append(" | ").append(num(s.targetTestAccuracy()))
            .append(" | ").append(s.epochs()).append(" |\n");
      }
    }
    if (r.arms().stream().anyMatch(a -> a.finished() < 2)) {
      out.append("\nArms with fewer than 2 finished seeds have no standard deviation.\n");
    }
    return out.toString();
  }

  private static String num(Double x) {
    return x == null ? "—" : String.format(Locale.ROOT, "%.4f", x);
  }

  private static String signed(Double x) {
    return x == null ? "—" : String.format(Locale.ROOT, "%+.4f", x);
  }
}
