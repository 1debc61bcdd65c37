package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One row per seed with its arm's statistics beside it (tidy: ready for pandas or R). */
public final class CsvReport {

  private static final String HEADER = "experiment,arm,baseline,seed,run_id,status,target_test_loss,target_test_accuracy,"
      + "epochs,best_epochs,arm_mean_loss,arm_sd_loss,arm_ci_low,arm_ci_high,gap,gap_ci_low,gap_ci_high,welch_p,mann_whitney_p,verdict";

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
        out.append(row.stream().map(CsvReport::field).collect(Collectors.joining(","))).append('\n');
      }
    }
    return out.toString();
  }

  /** Full precision (a CSV is for further computation), empty when there is no value. */
  private static String num(Double x) {
    return x == null ? "" : Fixed.significant17(x);
  }

  private static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
    return s;
  }
}
