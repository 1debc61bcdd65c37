package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlab.scenario.RunSpec;

/** Arms against a chosen arm, and arms across two experiments, with the report's statistics. */
class ComparisonTest {

  /** Final losses: the baseline 0.50, blur 0.60, contrast 0.51, each ± 0.02 by seed. */
  private static double loss(RunSpec run, double blur) {
    double base = switch (run.arm()) {
      case "baseline" -> 0.50;
      case "contrast" -> 0.51;
      default -> blur;
    };
    return base + 0.02 * (run.seed() - 2);
  }

  private static Report report(double blur) {
    return ReportBuilder.build(ReportBuilderTest.finished(ReportBuilderTest.SCENARIO, run -> loss(run, blur), (run, task) -> 2));
  }

  @Test
  void everyArmAgainstAChosenArm() {
    Comparison c = Comparison.againstArm(report(0.60), "blur→sharp");
    assertEquals(List.of("baseline", "contrast"), c.rows().stream().map(Comparison.Row::arm).toList());
    Comparison.Row baseline = c.rows().get(0);
    assertEquals(-0.10, baseline.gap(), 1e-12, "baseline minus blur→sharp");
    assertEquals(Statistics.welchP(List.of(0.48, 0.50, 0.52), List.of(0.58, 0.60, 0.62)), baseline.welchP(), 1e-12);
    assertEquals(Statistics.holm(c.rows().stream().map(Comparison.Row::welchP).toList()),
        c.rows().stream().map(Comparison.Row::holmP).toList(), "Holm over the rows");
    assertTrue(baseline.verdict().startsWith("better than arm blur→sharp"), baseline.verdict());
    String md = c.markdown();
    assertTrue(md.contains("| baseline | blur→sharp | 3 vs 3 | 0.5000 | 0.6000 | -0.1000 ["), md);
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Comparison.againstArm(report(0.6), "sharp"));
    assertTrue(unknown.getMessage().contains("has no arm 'sharp'; its arms are [baseline, blur→sharp, contrast]"), unknown.getMessage());
  }

  @Test
  void armsOfTheSameNameAndPathAcrossTwoExperiments() {
    Comparison c = Comparison.between(report(0.60), report(0.50));
    assertEquals(3, c.rows().size());
    Comparison.Row blur = c.rows().stream().filter(r -> r.arm().equals("blur→sharp")).findFirst().orElseThrow();
    assertEquals(-0.10, blur.gap(), 1e-12, "second minus first");
    assertTrue(blur.verdict().startsWith("better than the same arm of experiment e1"), blur.verdict());
    Comparison.Row baseline = c.rows().stream().filter(r -> r.arm().equals("baseline")).findFirst().orElseThrow();
    assertEquals(0.0, baseline.gap(), 1e-12);
    assertTrue(c.unmatched().isEmpty());
  }

  @Test
  void aCappedRunMakesTheComparisonInconclusive() {
    Report capped = ReportBuilder.build(ReportBuilderTest.finished(ReportBuilderTest.SCENARIO, run -> loss(run, 0.6),
        (run, task) -> run.arm().equals("contrast") ? 10 : 2));
    Comparison.Row contrast = Comparison.againstArm(capped, "baseline").rows().stream().filter(r -> r.arm().equals("contrast"))
        .findFirst().orElseThrow();
    assertTrue(contrast.verdict().startsWith("inconclusive: training budget (3 of 3 runs here and 0 of 3 in arm baseline"),
        contrast.verdict());
  }
}
