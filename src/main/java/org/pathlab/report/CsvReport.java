package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One row per seed with its arm's statistics beside it (tidy: ready for pandas or R). Columns added
 * since the first version come after {@code verdict}, so scripts that read columns by position keep working.
 */
public final class CsvReport {

  private static final String HEADER = "experiment,arm,baseline,seed,run_id,status,target_test_loss,target_test_accuracy,"
      + "epochs,best_epochs,arm_mean_loss,arm_sd_loss,arm_ci_low,arm_ci_high,gap,gap_ci_low,gap_ci_high,welch_p,mann_whitney_p,verdict,"
      + "arm_ci_method,gap_ci_method,welch_p_holm,mann_whitney_method,hedges_g,hedges_g_ci_low,hedges_g_ci_high,detectable_gap,"
      + "arm_mean_epochs,arm_capped_runs,converged,capped_tasks";

  private CsvReport() {}

  public static String render(Report r) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Report.ArmSummary a : r.arms()) {
      for (Report.SeedResult s : a.seeds()) {
        List<String> row = new ArrayList<>();
        row.add(r.experimentId());
        row.add(a.arm());
        row.add(String.valueOf(a.baseline()));
        row.add(String.valueOf(s.seed()));
        row.add(s.runId());
        row.add(s.status());
        row.add(num(s.targetTestLoss()));
        row.add(num(s.targetTestAccuracy()));
        row.add(String.valueOf(s.epochs()));
        row.add(s.bestEpochs().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        row.add(num(a.meanLoss()));
        row.add(num(a.sdLoss()));
        row.add(a.lossCi() == null ? "" : num(a.lossCi().low()));
        row.add(a.lossCi() == null ? "" : num(a.lossCi().high()));
        row.add(num(a.gap()));
        row.add(a.gapCi() == null ? "" : num(a.gapCi().low()));
        row.add(a.gapCi() == null ? "" : num(a.gapCi().high()));
        row.add(num(a.welchP()));
        row.add(num(a.mannWhitneyP()));
        row.add(a.verdict());
        row.add(a.lossCi() == null ? "" : a.lossCi().method());
        row.add(a.gapCi() == null ? "" : a.gapCi().method());
        row.add(num(a.welchPHolm()));
        row.add(a.mannWhitneyMethod() == null ? "" : a.mannWhitneyMethod());
        row.add(a.hedgesG() == null ? "" : num(a.hedgesG().g()));
        row.add(a.hedgesG() == null ? "" : num(a.hedgesG().interval().low()));
        row.add(a.hedgesG() == null ? "" : num(a.hedgesG().interval().high()));
        row.add(num(a.detectableGap()));
        row.add(num(a.training().meanEpochs()));
        row.add(String.valueOf(a.training().capped()));
        row.add(String.valueOf(s.converged()));
        row.add(s.cappedTasks().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        out.append(row.stream().map(CsvReport::field).collect(Collectors.joining(","))).append('\n');
      }
    }
    return out.toString();
  }

  /** Full precision (a CSV is for further computation), empty when there is no value. */
  private static String num(Double x) {
    return x == null ? "" : Fixed.significant17(x);
  }

  /** A CSV field, quoted where it holds a comma, a quote or a line break. */
  static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
    return s;
  }
}
