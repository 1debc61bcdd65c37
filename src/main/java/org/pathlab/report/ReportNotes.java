package org.pathlab.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** What each statistic in a report is, for readers of report.json (the Markdown says it in prose). */
final class ReportNotes {

  static final Map<String, String> NOTES = notes();

  private ReportNotes() {}

  private static Map<String, String> notes() {
    Map<String, String> n = new LinkedHashMap<>();
    n.put("metric", "what the verdicts rest on: test-loss (the final target test loss, the paper's number, the default) or "
        + "test-accuracy (the scenario's metric key); both are tested in vsBaseline and vsControl");
    n.put("lossCi", "95 % CI of the arm's mean final loss, Student's t at every n (lossCi.method)");
    n.put("vsBaseline, vsControl", "the arm against the baseline and against its control arm (arm − reference), on the loss "
        + "and on accuracy. design \"paired by seed\" where both sides finished the same seeds and each seed's two runs started "
        + "from the same initial weights (equal SHA-256 hashes in the journal): mean of the per-seed differences, paired "
        + "t-interval (ci.method \"paired t\"), paired t-test p, Hedges' g_av, exact Wilcoxon signed-rank p as a check; else "
        + "\"unpaired\" (designReason says why): Welch's t-interval and test, Hedges' g, Mann–Whitney U. welchP and welchCi: the "
        + "unpaired statistics in either design. holmP: p adjusted by Holm's method over the arms compared with the same kind "
        + "of reference on the same metric; the verdict uses the metric's holmP at " + Verdicts.ALPHA);
    n.put("gap, gapCi", "the loss contrast against the baseline: gap = arm mean − baseline mean; gapCi is that contrast's "
        + "interval (paired t or Welch t, gapCi.method); per arm, not adjusted for multiplicity");
    n.put("hedgesG", "unpaired Hedges' g: the gap in pooled sds times the exact small-sample correction J; 95 % CI by "
        + "inverting the noncentral t distribution (Hedges & Olkin 1985; Steiger & Fouladi 1997)");
    n.put("welchP", "two-sided p of Welch's unequal-variances t-test of the arm's loss against the baseline's (unpaired)");
    n.put("welchPHolm", "welchP adjusted by Holm's step-down method over the arms compared (comparisons)");
    n.put("mannWhitneyP", "two-sided Mann–Whitney U p on the loss: exact (permutation distribution of U over the tied "
        + "mid-ranks) while each sample has fewer than " + Statistics.EXACT_MANN_WHITNEY_BELOW + " seeds, else the normal "
        + "approximation with tie and continuity corrections; a robustness check, not used by the verdict");
    n.put("detectableGap", "smallest true gap Welch's two-sided test at " + Power.ALPHA + " detects with "
        + Math.round(Power.POWER * 100) + " % power for these finished seed counts, with the sd in power (equal sds assumed; "
        + "noncentral t at the Welch–Satterthwaite degrees of freedom); per comparison, before Holm. A paired test detects "
        + "smaller gaps where the pairs correlate");
    n.put("training", "tasks per run; epochs trained along the path, mean over finished runs (reused prefixes included); "
        + "capped: finished runs with a task whose best epoch fell within the last patience epochs of max-epochs, i.e. the "
        + "epoch cap stopped it while its validation loss still improved");
    n.put("verdict", "\"inconclusive: training budget\" when any finished run here or in the baseline is capped; otherwise "
        + "better/worse in the scenario's metric when its Holm-adjusted p (paired or Welch, as the design) < " + Verdicts.ALPHA
        + "; \"undefined\" when the test has no variance; then whether the other metric agrees");
    n.put("meanWeightNorm, meanBiasNorm, meanDeadRelu", "pathlab's own measures, after the paper's appendix 8.3 but not its "
        + "definitions: L2 norm of all weights and of all biases after the last task, and per ReLU stage the share of units "
        + "that stay 0 on a fixed probe of 256 clean test images");
    return java.util.Collections.unmodifiableMap(n);
  }
}
