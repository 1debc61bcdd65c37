package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One row per seed with its arm's statistics beside it (tidy: ready for pandas or R). Columns added
 * since the first version come after {@code verdict}, so scripts that read columns by position keep working.
 * {@code gap_ci_*} is the loss contrast's interval in its design ({@code gap_ci_method}: paired t or
 * Welch t), {@code p} and {@code p_holm} its test; {@code welch_*} the unpaired statistics beside it.
 * Numbers are written in full ({@link Fixed#significant17}): each parses back to the double it was.
 */
public final class CsvReport {

  private static final String HEADER = "experiment,arm,baseline,seed,run_id,status,target_test_loss,target_test_accuracy,"
      + "epochs,best_epochs,arm_mean_loss,arm_sd_loss,arm_ci_low,arm_ci_high,gap,gap_ci_low,gap_ci_high,welch_p,mann_whitney_p,verdict,"
      + "arm_ci_method,gap_ci_method,welch_p_holm,mann_whitney_method,hedges_g,hedges_g_ci_low,hedges_g_ci_high,detectable_gap,"
      + "arm_mean_epochs,arm_capped_runs,converged,capped_tasks,"
      + "metric,initial_parameters,design,design_reason,p,p_holm,effect_size,effect_size_method,check_p,check_method,welch_ci_low,welch_ci_high,"
      + "accuracy_gap,accuracy_ci_low,accuracy_ci_high,accuracy_ci_method,accuracy_design,accuracy_p,accuracy_p_holm,"
      + "control,control_gap,control_ci_low,control_ci_high,control_ci_method,control_design,control_p,control_p_holm,"
      + "control_accuracy_gap,control_accuracy_p_holm,control_verdict,precision";

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
        row.add(r.metric() == null ? "" : r.metric());
        row.add(s.initialParameters() == null ? "" : s.initialParameters());
        Contrast loss = a.vsBaseline() == null ? null : a.vsBaseline().loss();
        row.add(loss == null ? "" : loss.design());
        row.add(loss == null ? "" : loss.designReason());
        row.add(loss == null ? "" : num(loss.p()));
        row.add(loss == null ? "" : num(loss.holmP()));
        row.add(loss == null ? "" : num(loss.effectSize()));
        row.add(loss == null ? "" : loss.effectSizeMethod());
        row.add(loss == null ? "" : num(loss.checkP()));
        row.add(loss == null || loss.checkMethod() == null ? "" : loss.checkMethod());
        row.add(loss == null || loss.welchCi() == null ? "" : num(loss.welchCi().low()));
        row.add(loss == null || loss.welchCi() == null ? "" : num(loss.welchCi().high()));
        contrast(row, a.vsBaseline() == null ? null : a.vsBaseline().accuracy());
        row.add(a.control() == null ? "" : a.control());
        contrast(row, a.vsControl() == null ? null : a.vsControl().loss());
        Contrast controlAccuracy = a.vsControl() == null ? null : a.vsControl().accuracy();
        row.add(controlAccuracy == null ? "" : num(controlAccuracy.difference()));
        row.add(controlAccuracy == null ? "" : num(controlAccuracy.holmP()));
        row.add(a.controlVerdict() == null ? "" : a.controlVerdict());
        row.add(r.precision() == null ? "" : r.precision());
        out.append(row.stream().map(CsvReport::field).collect(Collectors.joining(","))).append('\n');
      }
    }
    return out.toString();
  }

  /** difference, CI low, high, method, design, p, Holm p: seven fields, empty where there is no contrast. */
  private static void contrast(List<String> row, Contrast c) {
    row.add(c == null ? "" : num(c.difference()));
    row.add(c == null || c.ci() == null ? "" : num(c.ci().low()));
    row.add(c == null || c.ci() == null ? "" : num(c.ci().high()));
    row.add(c == null || c.ci() == null ? "" : c.ci().method());
    row.add(c == null ? "" : c.design());
    row.add(c == null ? "" : num(c.p()));
    row.add(c == null ? "" : num(c.holmP()));
  }

  /** Full precision (a CSV is for further computation), empty when there is no value. */
  private static String num(Double x) {
    return x == null ? "" : Fixed.significant17(x);
  }

  /**
   * A CSV field, quoted where it holds a comma, a quote or a line break. Text that a spreadsheet
   * would run as a formula (a name starting with = + - @, a tab or a carriage return) gets a
   * leading apostrophe, as spreadsheet tools expect; numbers ("-0.0062") are left as they are.
   */
  static String field(String s) {
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !number(s)) s = "'" + s;
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\"" + s.replace("\"", "\"\"") + "\"";
    return s;
  }

  private static boolean number(String s) {
    try {
      Double.parseDouble(s);
      return !s.isBlank() && Character.isDigit(s.charAt(s.length() - 1));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
