package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.pathlab.scenario.RunSpec;

/**
 * A report's designs (issue Q): runs that started alike are paired by seed, anything else falls
 * back to unpaired and says why, an arm is compared with its control, and the scenario's metric
 * decides the verdict.
 */
class ReportDesignTest {

  /** Losses where each seed's arm run tracks its baseline run (common random numbers) and sits 0.01 above it, ± 0.002. */
  private static ToDoubleFunction<RunSpec> correlated() {
    return run -> {
      double seedEffect = 0.03 * Math.sin(run.seed() * 1.7);
      double noise = 0.002 * Math.cos(run.seed() * 2.3 + run.arm().length());
      return 0.50 + seedEffect + (run.arm().equals("baseline") ? 0 : 0.01 + noise);
    };
  }

  @Test
  void runsThatStartedAlikeArePairedBySeed() throws Exception {
    String scenario = ReportBuilderTest.SCENARIO.replace("seeds = [1, 2, 3]", "seeds = [1, 2, 3, 4, 5, 6]");
    Report r = ReportBuilder.build(ReportBuilderTest.finished(scenario, correlated(), (run, task) -> 4, run -> "init-" + run.seed()));
    Report.ArmSummary blur = ReportBuilderTest.arm(r, "blur→sharp");
    Contrast loss = blur.vsBaseline().loss();
    assertEquals(Contrast.PAIRED, loss.design());
    assertEquals(PairedStatistics.PAIRED_T, blur.gapCi().method(), "the gap's interval is the design's");
    List<Double> x = blur.seeds().stream().map(Report.SeedResult::targetTestLoss).toList();
    List<Double> y = ReportBuilderTest.arm(r, "baseline").seeds().stream().map(Report.SeedResult::targetTestLoss).toList();
    assertEquals(PairedStatistics.pairedT(x, y).p(), loss.p(), 1e-15);
    assertTrue(loss.p() < 1e-4 && blur.welchP() > 0.05, "pairing sees what the seeds' spread hides: paired " + loss.p()
        + ", Welch " + blur.welchP());
    assertTrue(blur.verdict().startsWith("worse than the baseline in final test loss (paired by seed, 6 pairs; paired t p = "),
        blur.verdict());
    assertTrue(blur.verdict().contains("unpaired Welch p = "), blur.verdict());
    assertTrue(loss.checkMethod().startsWith("Wilcoxon signed-rank"), loss.checkMethod());
    assertEquals("Hedges' g_av", loss.effectSizeMethod());
    String md = MarkdownReport.render(r);
    assertTrue(md.contains("(paired t) | paired by seed |"), md);
    String csv = CsvReport.render(r);
    assertTrue(csv.contains(",paired t,") && csv.contains(",paired by seed,"), csv);
  }

  @Test
  void seedsThatDifferFallBackToUnpairedAndSayWhy() {
    // a fork whose arms ran other seeds than its baseline: nothing to pair
    String scenario = ReportBuilderTest.SCENARIO.replace("seeds = [1, 2, 3]", "seeds = [4, 5, 6]\nbaseline-seeds = [1, 2, 3]");
    Report r = ReportBuilder.build(ReportBuilderTest.finished(scenario, correlated(), (run, task) -> 4, run -> "init-" + run.seed()));
    Contrast loss = ReportBuilderTest.arm(r, "blur→sharp").vsBaseline().loss();
    assertEquals(Contrast.UNPAIRED, loss.design());
    assertEquals("the finished seeds differ ([4, 5, 6] here, [1, 2, 3] in the reference)", loss.designReason());
    assertEquals(Statistics.WELCH_T, loss.ci().method());
    assertEquals(loss.welchP(), loss.p());
    assertTrue(ReportBuilderTest.arm(r, "blur→sharp").verdict().contains("(unpaired, the finished seeds differ"), ReportBuilderTest.arm(r, "blur→sharp").verdict());
    assertTrue(MarkdownReport.render(r).contains("- blur→sharp: unpaired, the finished seeds differ"), MarkdownReport.render(r));
    // the same seeds, other initial weights (another model, another init): not paired either
    Report other = ReportBuilder.build(ReportBuilderTest.finished(ReportBuilderTest.SCENARIO, correlated(), (run, task) -> 4,
        run -> run.arm().equals("baseline") ? "a" + run.seed() : "b" + run.seed()));
    assertEquals("seed 1's runs started from different initial weights", ReportBuilderTest.arm(other, "contrast").vsBaseline().loss().designReason());
  }

  @Test
  void anArmIsComparedWithItsControl() {
    String scenario = """
        name = controls
        dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
        training { learning-rate = 0.01, max-epochs = 10, patience = 3 }
        arms = [{ name = baseline, path = baseline }]
        arm-grid = [
          { name = "blur N = {steps}", path = discretize, transform = blur, control = "repeat N = {steps}", vary { steps = [2, 3] } }
          { name = "repeat N = {steps}", path = repeat, vary { steps = [2, 3] } }
        ]
        seeds = [1, 2, 3, 4]
        """;
    Report r = ReportBuilder.build(ReportBuilderTest.finished(scenario, run -> 0.5 + 0.01 * run.seed() + (run.arm().startsWith("blur") ? 0.02 : 0)
        + (run.arm().startsWith("repeat") ? 0.015 : 0) + 0.001 * run.path().size() * (run.seed() % 2), (run, task) -> 4,
        run -> "w" + run.seed()));
    Report.ArmSummary n3 = ReportBuilderTest.arm(r, "blur N = 3");
    assertEquals("repeat N = 3", n3.control());
    assertEquals("repeat N = 3", n3.vsControl().loss().reference());
    assertEquals(0.005, n3.vsControl().loss().difference(), 1e-12, "blur N = 3 minus repeat N = 3");
    assertEquals(Contrast.PAIRED, n3.vsControl().loss().design());
    assertTrue(n3.controlVerdict().contains("its control (arm repeat N = 3)"), n3.controlVerdict());
    assertNull(ReportBuilderTest.arm(r, "repeat N = 2").vsControl(), "a control names no control");
    assertEquals(3, ReportBuilderTest.arm(r, "repeat N = 3").training().tasksPerRun());
    String md = MarkdownReport.render(r);
    assertTrue(md.contains("Against its control") && md.contains("| blur N = 3 | repeat N = 3 |"), md);
  }

  @Test
  void theScenariosMetricDecidesTheVerdict() {
    String scenario = ReportBuilderTest.SCENARIO.replace("seeds = [1, 2, 3]", "seeds = [1, 2, 3, 4, 5, 6]") + "metric = test-accuracy\n";
    Report r = ReportBuilder.build(ReportBuilderTest.finished(scenario, correlated(), (run, task) -> 4, run -> "w" + run.seed()));
    assertEquals("test-accuracy", r.metric());
    Report.ArmSummary blur = ReportBuilderTest.arm(r, "blur→sharp");
    // accuracy is 0.9 − loss / 10 here: 0.1 pp lower for a loss 0.01 higher
    assertTrue(blur.verdict().startsWith("worse than the baseline in final test accuracy (paired by seed, 6 pairs"), blur.verdict());
    assertTrue(blur.verdict().contains("; final test loss agrees (+0.01"), blur.verdict());
    assertTrue(MarkdownReport.render(r).contains("The verdicts rest on the final test accuracy (the scenario's metric)"));
  }
}
