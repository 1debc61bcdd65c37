package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TOST, checked against SciPy 1.17 (scipy.stats.t) on the same numbers. */
class EquivalenceTest {

  private static List<Report.SeedResult> seeds(double... losses) {
    List<Report.SeedResult> out = new ArrayList<>();
    for (int i = 0; i < losses.length; i++) {
      out.add(new Report.SeedResult(i + 1, "a-s" + (i + 1), "finished", 1, losses[i], 0.9, 10, List.of(8), null, true, List.of(), "h" + i));
    }
    return out;
  }

  @Test
  void pairedDifferencesWellInsideTheMarginAreEquivalent() {
    double[] reference = {0.35, 0.36, 0.34, 0.355, 0.348, 0.352};
    double[] d = {0.001, -0.002, 0.0, 0.003, -0.001, 0.002};
    double[] arm = new double[d.length];
    for (int i = 0; i < d.length; i++) arm[i] = reference[i] + d[i];
    Equivalence e = Equivalence.of(seeds(arm), seeds(reference), true, 0.005);
    assertEquals(0.0005, e.difference(), 1e-12);
    assertEquals(0.00040221910123316995, e.pLower(), 1e-9);
    assertEquals(0.0010011707205666333, e.pUpper(), 1e-9);
    assertEquals(e.pUpper(), e.p());
    assertEquals(-0.0010390186166327026, e.ci90().low(), 1e-9);
    assertEquals(0.0020390186166327024, e.ci90().high(), 1e-9);
    assertEquals(0.0020390186166327024, e.smallestMargin(), 1e-9, "the margin the data allow: the 90 % interval's largest bound");
    Equivalence adjusted = Equivalence.holm(List.of(e)).get(0);
    assertTrue(adjusted.equivalent());
    assertTrue(EquivalenceMarkdown.verdict(adjusted).startsWith("**equivalent** within ±0.005"));
  }

  @Test
  void unpairedRunsUseWelchAndAWideIntervalIsNotEquivalence() {
    Equivalence e = Equivalence.of(seeds(0.35, 0.36, 0.34, 0.355), seeds(0.352, 0.349, 0.361, 0.347, 0.358), false, 0.02);
    assertEquals(Contrast.UNPAIRED, e.design());
    assertEquals(-0.0021499999999999853, e.difference(), 1e-12);
    assertEquals(0.007700805251647291, e.p(), 1e-9);
    Equivalence tight = Equivalence.holm(List.of(Equivalence.of(seeds(0.35, 0.36, 0.34, 0.355), seeds(0.352, 0.349, 0.361, 0.347, 0.358),
        false, 0.005))).get(0);
    assertFalse(tight.equivalent(), "±0.005 is inside the interval's reach: " + tight);
    assertTrue(tight.smallestMargin() > 0.005);
    assertTrue(EquivalenceMarkdown.verdict(tight).startsWith("not shown equivalent within ±0.005 (the data allow ±"));
  }

  @Test
  void holmAdjustsOverTheRowsAndTooFewSeedsAreNotTested() {
    Equivalence a = Equivalence.of(seeds(0.35, 0.36, 0.34), seeds(0.351, 0.359, 0.342), true, 0.01);
    Equivalence b = Equivalence.of(seeds(0.35, 0.36, 0.34), seeds(0.352, 0.357, 0.343), true, 0.01);
    List<Equivalence> both = Equivalence.holm(java.util.Arrays.asList(a, null, b));
    assertNull(both.get(1));
    double smaller = Math.min(a.p(), b.p());
    assertEquals(Math.min(1, 2 * smaller), Math.min(both.get(0).holmP(), both.get(2).holmP()), 1e-12, "Holm: the smallest p times 2");
    assertNull(Equivalence.of(seeds(0.35), seeds(0.35, 0.36), true, 0.01), "one seed a side: nothing to test");
    String md = Comparison.between(ReportFormatsTest.report(), ReportFormatsTest.report(), 0.005).markdown();
    // the same experiment against itself, three seeds with a spread of 0.02: no difference, but nothing proven within ±0.005
    assertTrue(md.contains("## Equivalence within ±0.005 in final test loss (TOST)") && md.contains("| +0.0000 |")
        && md.contains("not shown equivalent within ±0.005 (the data allow ±"), md);
    assertFalse(Comparison.between(ReportFormatsTest.report(), ReportFormatsTest.report()).markdown().contains("Equivalence"));
    assertThrows(IllegalArgumentException.class, () -> Comparison.between(ReportFormatsTest.report(), ReportFormatsTest.report(), -1.0));
  }
}
