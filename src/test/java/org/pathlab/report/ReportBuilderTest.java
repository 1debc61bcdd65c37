package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntBiFunction;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;

/**
 * Reports built from events: convergence is checked (the epoch cap makes a verdict
 * inconclusive), Holm's adjustment decides the verdicts, power is stated, and nothing undefined
 * prints as a number.
 */
class ReportBuilderTest {

  /** Every task: at most 10 epochs, stop 3 epochs after the best one. */
  static final String SCENARIO = """
      name = budget
      dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
      training { learning-rate = 0.01, max-epochs = 10, patience = 3 }
      arms = [
        { name = baseline, path = baseline }
        { name = "blur→sharp", path = jump, transform = blur }
        { name = contrast, path = jump, transform = contrast }
      ]
      seeds = [1, 2, 3]
      detectable-gap = 0.02
      """;

  private static final int MAX_EPOCHS = 10;
  private static final int PATIENCE = 3;

  /**
   * A finished experiment of {@code scenario}: every run's every task with the best epoch {@code
   * best} gives it (training went on to early stopping, or to the cap), and its last task the
   * final loss {@code loss} gives the run.
   */
  static ExperimentState finished(String scenario, ToDoubleFunction<RunSpec> loss, ToIntBiFunction<RunSpec, Integer> best) {
    return finished(scenario, loss, best, run -> null);
  }

  /** The same, each run's first task recording {@code initial}'s hash of its initial weights (null: not recorded). */
  static ExperimentState finished(String scenario, ToDoubleFunction<RunSpec> loss, ToIntBiFunction<RunSpec, Integer> best,
      java.util.function.Function<RunSpec, String> initial) {
    Plan plan = Plan.of(ScenarioParser.parse(scenario, "test.conf"));
    ExperimentState state = ExperimentState.empty("e1").apply(new ExperimentEvent.ExperimentSubmitted("e1", plan, scenario, 0));
    for (RunSpec run : plan.runs()) {
      for (int task = 0; task < run.path().size(); task++) {
        int bestEpoch = best.applyAsInt(run, task);
        int epochs = Math.min(MAX_EPOCHS, bestEpoch + PATIENCE);
        List<EpochMetrics> curve = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) curve.add(new EpochMetrics(e, 1.0 / e, 0.5, 1.0 / Math.min(e, bestEpoch), 0.5));
        double l = loss.applyAsDouble(run);
        double accuracy = 0.9 - l / 10;
        TaskMetrics metrics = new TaskMetrics(epochs, bestEpoch, 1.0 / bestEpoch, l, accuracy, l, accuracy, curve, 10, 1,
            List.of(0.1, 0.2), List.of(), task == 0 ? initial.apply(run) : null);
        state = state.apply(new ExperimentEvent.TaskCompleted(run.id(), task, metrics, "c", "h", 0, new org.pathlab.metrics.TrainedOn(null, "cpu", "cpu()")));
      }
      state = state.apply(new ExperimentEvent.RunFinished(run.id()));
    }
    return state.apply(new ExperimentEvent.ExperimentFinished(1));
  }

  /** Final losses: the baseline around 0.50, arms around 0.50 + shift (sd 0.02), by seed. */
  private static ToDoubleFunction<RunSpec> losses(double shift) {
    return run -> (run.arm().equals("baseline") ? 0.50 : 0.50 + shift) + 0.02 * (run.seed() - 2);
  }

  static Report.ArmSummary arm(Report r, String name) {
    return r.arms().stream().filter(a -> a.arm().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aBaselineStoppedByItsEpochCapGivesNoBetterOrWorseVerdict() throws Exception {
    // the baseline's best epoch is its last (10 of 10): the cap, not early stopping, ended it
    Report r = ReportBuilder.build(finished(SCENARIO, losses(0.2), (run, task) -> run.arm().equals("baseline") ? 10 : 4));
    Report.ArmSummary blur = arm(r, "blur→sharp");
    assertTrue(blur.welchPHolm() < 0.001, "the test alone would call it worse: " + blur.welchPHolm());
    for (Report.ArmSummary a : r.arms()) {
      if (a.baseline()) continue;
      assertTrue(a.verdict().startsWith("inconclusive: training budget"), a.verdict());
      assertFalse(a.verdict().contains("worse") || a.verdict().contains("better"), a.verdict());
      assertTrue(a.verdict().contains("0 of 3 runs here and 3 of 3 in the baseline"), a.verdict());
    }
    Report.ArmSummary baseline = arm(r, "baseline");
    assertEquals(3, baseline.training().capped());
    assertTrue(baseline.seeds().stream().noneMatch(Report.SeedResult::converged));
    assertEquals(List.of(1), baseline.seeds().get(0).cappedTasks());
    String md = MarkdownReport.render(r);
    // to read as a person would: target/figures/report-budget.md
    java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/figures"))
        .resolve("report-budget.md"), md);
    assertTrue(md.contains("no: max-epochs stopped task 1"), md);
    assertTrue(md.contains("10.0 (3 capped)"), "epochs per run with the capped runs: " + md);
    assertTrue(CsvReport.render(r).lines().skip(1).anyMatch(l -> l.contains(",false,1,test-loss,")), "converged=false, capped task 1");
    assertTrue(SvgFigure.render(r).contains("hollow dots"), "the figure marks capped runs");
  }

  @Test
  void anArmWithOneCappedPretrainingTaskIsInconclusiveToo() {
    Report r = ReportBuilder.build(finished(SCENARIO, losses(0.2),
        (run, task) -> run.arm().equals("contrast") && run.seed() == 2 && task == 0 ? 8 : 4));
    assertTrue(arm(r, "contrast").verdict().startsWith("inconclusive: training budget (1 of 3 runs here and 0 of 3"),
        arm(r, "contrast").verdict());
    assertEquals(List.of(1), arm(r, "contrast").seeds().get(1).cappedTasks());
    assertTrue(arm(r, "blur→sharp").verdict().startsWith("worse than the baseline"), arm(r, "blur→sharp").verdict());
  }

  @Test
  void theEpochCapIsReachedWhenTheBestEpochIsWithinPatienceOfIt() {
    TaskMetrics stopped = new TaskMetrics(10, 7, 0.5, 0.5, 0.8, 0.5, 0.8, List.of(), 0, 0, null);
    TaskMetrics capped = new TaskMetrics(10, 8, 0.5, 0.5, 0.8, 0.5, 0.8, List.of(), 0, 0, null);
    assertFalse(stopped.stoppedByEpochCap(10, 3), "best 7, stopped at 10 = 7 + patience: early stopping fired");
    assertTrue(capped.stoppedByEpochCap(10, 3), "best 8: two epochs without improvement when the cap came");
    assertTrue(stopped.stoppedByEpochCap(10, 10), "patience ≥ max-epochs: early stopping can never fire");
  }

  @Test
  void convergedRunsGetAVerdictFromHolmAdjustedP() {
    Report r = ReportBuilder.build(finished(SCENARIO, losses(0.2), (run, task) -> 4));
    assertEquals(2, r.comparisons());
    Report.ArmSummary blur = arm(r, "blur→sharp");
    assertTrue(blur.verdict().startsWith("worse than the baseline in final test loss (unpaired, the journal does not record "
        + "the runs' initial weights"), blur.verdict());
    assertTrue(blur.verdict().contains("; Welch p = "), blur.verdict());
    assertTrue(blur.verdict().endsWith("final test accuracy agrees (-2.00 pp, Welch p Holm-adjusted 0.000510)"), blur.verdict());
    assertTrue(blur.verdict().contains("Holm-adjusted over 2 arms"), blur.verdict());
    assertEquals(Statistics.WELCH_T, blur.gapCi().method());
    assertEquals(Statistics.T, blur.lossCi().method());
    assertEquals("exact", blur.mannWhitneyMethod());
    assertEquals(0.1, blur.mannWhitneyP(), 1e-15, "3 vs 3, separated: the exact p");
    assertEquals(14.0, blur.training().meanEpochs(), 1e-12, "two tasks of 4 + 3 epochs each");
  }

  @Test
  void holmsAdjustmentCanTakeASignificantRawPAway() {
    // arm and baseline sd 0.02, gap 0.05: Welch p ≈ 0.037 per arm, Holm over two equal arms ≈ 0.075
    Report r = ReportBuilder.build(finished(SCENARIO, losses(0.05), (run, task) -> 4));
    for (String name : List.of("blur→sharp", "contrast")) {
      Report.ArmSummary a = arm(r, name);
      assertTrue(a.welchP() < 0.05 && a.welchPHolm() >= 0.05, a.welchP() + " → " + a.welchPHolm());
      assertEquals(Math.min(1, 2 * a.welchP()), a.welchPHolm(), 1e-15);
      assertTrue(a.verdict().startsWith("no significant difference from the baseline"), a.verdict());
    }
    String md = MarkdownReport.render(r);
    assertTrue(md.contains("| p | Holm p | Welch p (unpaired) |"), "the table shows both p-values");
  }

  @Test
  void theDetectableGapIsStatedAndWarnedAbout() {
    Report r = ReportBuilder.build(finished(SCENARIO, losses(0.05), (run, task) -> 4));
    assertEquals(Report.PowerBasis.OBSERVED, r.power().sdSource());
    assertEquals(0.02, r.power().sd(), 1e-12, "the baseline's observed sd");
    assertEquals(0.02, r.power().threshold());
    Report.ArmSummary blur = arm(r, "blur→sharp");
    assertEquals(Power.detectableEffect(3, 3) * 0.02, blur.detectableGap(), 1e-12);
    assertTrue(blur.verdict().contains("these seeds detect only gaps ≥ 0.0614, not the scenario's detectable-gap 0.02"),
        blur.verdict());
    String md = MarkdownReport.render(r);
    assertTrue(md.contains("⚠ blur→sharp: its seeds detect gaps of 0.0614 or more, larger than the scenario's detectable-gap = 0.0200; "
        + "about " + Power.seedsFor(1.0) + " seeds in arm and baseline each would detect it"), md);
    assertTrue(md.contains("at the baseline's observed sd, 0.0200"), md);
  }

  @Test
  void withoutABaselineSdThePowerAssumesOne() {
    Report.PowerBasis one = ReportBuilder.powerBasis(List.of(0.5), null);
    assertEquals(Report.PowerBasis.ASSUMED, one.sdSource());
    assertEquals(Power.ASSUMED_SD, one.sd());
    assertEquals(Report.PowerBasis.ASSUMED, ReportBuilder.powerBasis(List.of(0.5, 0.5, 0.5), 0.02).sdSource(),
        "a baseline without spread would make every gap look detectable");
  }

  @Test
  void samplesWithoutSpreadPrintNoNaN() throws Exception {
    Report r = ReportBuilder.build(finished(SCENARIO, run -> run.arm().equals("baseline") ? 0.5 : 0.6, (run, task) -> 4));
    Report.ArmSummary blur = arm(r, "blur→sharp");
    assertTrue(blur.verdict().startsWith("undefined: every seed gave the same final test loss"), blur.verdict());
    assertNull(blur.welchP());
    assertNull(blur.welchPHolm());
    assertNull(blur.gapCi());
    assertNull(blur.hedgesG());
    assertEquals(0, r.comparisons(), "no test, nothing for Holm to adjust");
    assertEquals(0.1, blur.detectableGap() / Power.detectableEffect(3, 3) * 2, 1e-12, "the assumed sd of 0.05");
    String md = MarkdownReport.render(r);
    String csv = CsvReport.render(r);
    String json = new ObjectMapper().writeValueAsString(r);
    for (String text : List.of(md, csv, json, SvgFigure.render(r), SvgCurves.render(r))) {
      assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    }
    assertTrue(md.contains("| +0.1000 | unpaired | — | — | — | — |"), "gap, no CI; no p, Holm p, Welch p or g: " + md);
  }

  @Test
  void theReportNamesTheSmallCnnsWidths() throws Exception {
    Report defaults = ReportBuilder.build(finished(SCENARIO, losses(0), (run, task) -> 2));
    assertEquals("small-cnn", defaults.model());
    assertTrue(MarkdownReport.render(defaults).contains("small-cnn (channels 16, 32; hidden 64) on fashion-mnist"),
        MarkdownReport.render(defaults));
    String wide = SCENARIO + "model { name = small-cnn, channels = [32, 64], hidden = 128 }\n";
    Report r = ReportBuilder.build(finished(wide, losses(0), (run, task) -> 2));
    assertTrue(MarkdownReport.render(r).contains("small-cnn (channels 32, 64; hidden 128) on fashion-mnist"), MarkdownReport.render(r));
    var json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(r));
    assertEquals("small-cnn", json.get("model").asText());
    assertEquals("{\"conv1\":32,\"conv2\":64,\"hidden\":128}", json.get("widths").toString());
    Report resnet = ReportBuilder.build(finished(SCENARIO + "model = resnet-18\n", losses(0), (run, task) -> 2));
    assertTrue(MarkdownReport.render(resnet).contains("resnet-18 on fashion-mnist"), MarkdownReport.render(resnet));
  }

  @Test
  void theNetworkMeasuresAreLabelledAsPathlabsOwn() throws Exception {
    Report r = ReportBuilder.build(finished(SCENARIO, losses(0.2), (run, task) -> 4));
    assertTrue(MarkdownReport.render(r).contains("These are pathlab's own measures, after the paper's appendix 8.3 but not its "
        + "definitions"));
    String json = new ObjectMapper().writeValueAsString(r);
    assertTrue(json.contains("\"meanWeightNorm, meanBiasNorm, meanDeadRelu\":\"pathlab's own measures"), json);
  }

  @Test
  void twoDPathsShowTheirTasksAndEpochs() {
    String scenario = """
        name = grid
        dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
        training { learning-rate = 0.01, max-epochs = 10, patience = 3 }
        arms = [{ name = baseline, path = baseline }]
        arm-grid = [{ name = "{path} N = {steps}", transforms = [blur, contrast], vary { path = [a-then-b, diagonal], steps = [3] } }]
        seeds = [1, 2]
        """;
    Report r = ReportBuilder.build(finished(scenario, losses(0.1), (run, task) -> 2));
    assertEquals(5, arm(r, "a-then-b N = 3").training().tasksPerRun(), "2N − 1");
    assertEquals(3, arm(r, "diagonal N = 3").training().tasksPerRun(), "N");
    assertEquals(25.0, arm(r, "a-then-b N = 3").training().meanEpochs(), 1e-12);
    String md = MarkdownReport.render(r);
    assertTrue(md.contains("| a-then-b N = 3 | blur × contrast | blur then contrast | 3 | 5 | 25.0 |"), md);
    assertTrue(md.contains("| diagonal N = 3 | blur × contrast | diagonal | 3 | 3 | 15.0 |"), md);
    assertTrue(SvgGrid.render(r).contains(">5 tasks · 25 ep<"), "the grid says each path's budget");
  }
}
