package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Report statistics against values computed independently: SciPy 1.17 (src/test/resources/stats/
 * reference.py, output committed as reference.json) and R 4.2 (reference.R → reference-r.json).
 * The scripts say how each value was asked for.
 */
class StatisticsTest {

  private static final Path DIR = Path.of("src/test/resources/stats");
  private static final JsonNode SCIPY = read("reference.json");
  private static final JsonNode R = read("reference-r.json");

  private static JsonNode read(String file) {
    try {
      return new ObjectMapper().readTree(DIR.resolve(file).toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static Stream<Map.Entry<String, JsonNode>> entries(JsonNode object) {
    List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) list.add(it.next());
    return list.stream();
  }

  static Stream<Map.Entry<String, JsonNode>> scipyCases() {
    return entries(SCIPY.path("two_sample"));
  }

  static Stream<Map.Entry<String, JsonNode>> rCases() {
    return entries(R.path("two_sample"));
  }

  private static List<Double> values(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.isNull() ? null : v.asDouble()));
    return values;
  }

  private static void close(double expected, double actual, double tolerance, String what) {
    assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), what);
  }

  @ParameterizedTest
  @MethodSource("scipyCases")
  void matchesScipy(Map.Entry<String, JsonNode> c) {
    String name = c.getKey();
    JsonNode r = c.getValue();
    List<Double> a = values(r.path("a"));
    List<Double> b = values(r.path("b"));
    close(r.path("mean_a").asDouble(), Statistics.mean(a), 1e-12, name + " mean");
    close(r.path("sd_a").asDouble(), Statistics.sd(a), 1e-10, name + " sd");
    close(r.path("median_a").asDouble(), Statistics.median(a), 1e-12, name + " median");

    Statistics.Welch w = Statistics.welch(a, b);
    close(r.path("welch_p").asDouble(), w.p(), 1e-9, name + " Welch p");
    close(r.path("welch_df").asDouble(), w.df(), 1e-9, name + " Welch df");
    close(r.path("welch_ci_low").asDouble(), w.interval().low(), 1e-9, name + " Welch CI low");
    close(r.path("welch_ci_high").asDouble(), w.interval().high(), 1e-9, name + " Welch CI high");
    assertEquals(w.interval(), Statistics.differenceInterval(a, b), name + ": the gap's unpaired CI is Welch's at every n");

    Statistics.Interval mean = Statistics.meanInterval(a);
    assertEquals(Statistics.T, mean.method(), name);
    close(r.path("mean_ci_low").asDouble(), mean.low(), 1e-9, name + " mean CI low");
    close(r.path("mean_ci_high").asDouble(), mean.high(), 1e-9, name + " mean CI high");

    Statistics.MannWhitney mw = Statistics.mannWhitney(a, b);
    assertEquals(r.path("mann_whitney_u").asDouble(), mw.u(), 1e-9, name + " U");
    close(r.path("mann_whitney_p").asDouble(), mw.p(), 1e-9, name + " Mann-Whitney p");
    assertEquals(r.path("mann_whitney_method").asText(), mw.method(), name);

    Statistics.EffectSize g = Statistics.hedgesG(a, b);
    close(r.path("hedges_j").asDouble(), Statistics.hedgesCorrection(a.size() + b.size() - 2), 1e-12, name + " J");
    close(r.path("hedges_g").asDouble(), g.g(), 1e-10, name + " g");
    close(r.path("hedges_g_ci_low").asDouble(), g.interval().low(), 1e-7, name + " g CI low");
    close(r.path("hedges_g_ci_high").asDouble(), g.interval().high(), 1e-7, name + " g CI high");
    assertEquals(Statistics.NONCENTRAL_T, g.interval().method());
  }

  @ParameterizedTest
  @MethodSource("rCases")
  void matchesR(Map.Entry<String, JsonNode> c) {
    String name = c.getKey();
    JsonNode r = c.getValue();
    List<Double> a = values(r.path("a"));
    List<Double> b = values(r.path("b"));
    close(r.path("wilcox_exact_p").asDouble(), Statistics.mannWhitneyP(a, b), 1e-12, name + " wilcox.test exact");
    Statistics.Welch w = Statistics.welch(a, b);
    close(r.path("welch_p").asDouble(), w.p(), 1e-9, name + " t.test p");
    close(r.path("welch_df").asDouble(), w.df(), 1e-9, name + " t.test df");
    close(r.path("welch_ci").get(0).asDouble(), w.interval().low(), 1e-9, name + " t.test conf.int");
    close(r.path("welch_ci").get(1).asDouble(), w.interval().high(), 1e-9, name + " t.test conf.int");
    Statistics.Interval mean = Statistics.meanInterval(a);
    close(r.path("mean_ci").get(0).asDouble(), mean.low(), 1e-9, name + " t.test(a) conf.int");
    close(r.path("mean_ci").get(1).asDouble(), mean.high(), 1e-9, name + " t.test(a) conf.int");
    Statistics.EffectSize g = Statistics.hedgesG(a, b);
    List<Double> expected = values(r.path("hedges_g"));
    close(expected.get(0), g.g(), 1e-10, name + " g");
    close(expected.get(1), g.interval().low(), 1e-7, name + " g CI low (pt + uniroot)");
    close(expected.get(2), g.interval().high(), 1e-7, name + " g CI high (pt + uniroot)");
  }

  @Test
  void holmMatchesRsPAdjust() {
    for (JsonNode c : R.path("holm")) {
      List<Double> adjusted = Statistics.holm(values(c.path("p")));
      List<Double> expected = values(c.path("adjusted"));
      assertEquals(expected.size(), adjusted.size());
      for (int i = 0; i < expected.size(); i++) {
        if (expected.get(i) == null) {
          assertNull(adjusted.get(i), "no test, no adjusted p: " + c);
        } else {
          assertEquals(expected.get(i), adjusted.get(i), 1e-15, c.toString());
        }
      }
    }
    assertEquals(List.of(), Statistics.holm(List.of()));
  }

  @Test
  void theDetectableEffectMatchesRsPowerTTestForEqualSeeds() {
    for (JsonNode c : R.path("power_t_test")) {
      int n = c.path("n").asInt();
      close(c.path("effect").asDouble(), Power.detectableEffect(n, n), 1e-8, "power.t.test n = " + n);
    }
  }

  @Test
  void theDetectableEffectMatchesScipysNoncentralTForUnequalSeeds() {
    for (JsonNode c : SCIPY.path("power")) {
      int n1 = c.path("n1").asInt();
      int n2 = c.path("n2").asInt();
      close(c.path("welch_df").asDouble(), Power.welchDf(n1, n2), 1e-12, n1 + " vs " + n2 + " df");
      close(c.path("effect").asDouble(), Power.detectableEffect(n1, n2), 1e-8, n1 + " vs " + n2);
    }
    assertNull(Power.detectableEffect(1, 5), "one seed: no test, no power");
  }

  @Test
  void theSeedsNeededMatchADirectSearch() {
    for (JsonNode c : SCIPY.path("seeds_for")) {
      assertEquals(c.path("seeds").asInt(), Power.seedsFor(c.path("effect").asDouble()), c.toString());
    }
    assertNull(Power.seedsFor(1e-4), "beyond any feasible number of seeds");
  }

  @Test
  void theNoncentralTMatchesScipy() {
    for (JsonNode c : SCIPY.path("noncentral_t")) {
      double t = c.path("t").asDouble();
      double df = c.path("df").asDouble();
      double ncp = c.path("ncp").asDouble();
      assertEquals(c.path("cdf").asDouble(), NoncentralT.cdf(t, df, ncp), 1e-10, "nct.cdf(" + t + ", " + df + ", " + ncp + ")");
    }
  }

  @Test
  void threeAgainstThreeSeedsIsNeverSignificantByMannWhitney() {
    // issue L: the normal approximation said 0.0495 here; the exact two-sided p is 2 / C(6, 3) = 0.1
    Statistics.MannWhitney mw = Statistics.mannWhitney(List.of(0.49, 0.50, 0.51), List.of(0.60, 0.62, 0.56));
    assertTrue(mw.exact());
    assertEquals(0.1, mw.p(), 1e-15);
    assertEquals(0.0, mw.u());
  }

  @Test
  void aGapsIntervalAgreesWithItsTestAtThreeSeeds() {
    // issue L: a bootstrap's [min, max]-like interval excluded 0 here while Welch gave p = 0.17
    JsonNode n8 = SCIPY.path("two_sample").path("discretization-n8");
    List<Double> a = values(n8.path("a"));
    List<Double> b = values(n8.path("b"));
    Statistics.Interval ci = Statistics.differenceInterval(a, b);
    assertEquals(Statistics.WELCH_T, ci.method());
    assertTrue(ci.low() < 0 && 0 < ci.high(), "p = 0.17, so the 95 % interval holds 0: " + ci);
    Statistics.Interval mean = Statistics.meanInterval(b);
    double min = b.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = b.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertTrue(mean.low() < min && mean.high() > max, "a 3-seed t-interval reaches well past the sample's range: " + mean);
  }

  @Test
  void samplesWithoutSpread() {
    List<Double> flat = List.of(0.5, 0.5, 0.5);
    List<Double> otherFlat = List.of(0.6, 0.6, 0.6);
    // one sample: the t-interval has width 0 (SciPy's ttest_1samp(...).confidence_interval() says the same)
    Statistics.Interval ci = Statistics.meanInterval(flat);
    assertEquals(new Statistics.Interval(0.5, 0.5, Statistics.T), ci);
    // both: Welch's test, its interval and g are undefined (null), never NaN or a p of 0
    assertTrue(Statistics.noSpread(flat, otherFlat));
    assertNull(Statistics.welch(flat, otherFlat));
    assertNull(Statistics.welchP(flat, otherFlat));
    assertNull(Statistics.differenceInterval(flat, otherFlat));
    assertNull(Statistics.hedgesG(flat, otherFlat));
    assertNull(Statistics.welch(flat, List.of(0.5, 0.5)), "identical constant samples too");
    // Mann–Whitney still has its permutation distribution: all ties within a group
    assertEquals(0.1, Statistics.mannWhitneyP(flat, otherFlat), 1e-15);
    assertEquals(1.0, Statistics.mannWhitneyP(flat, List.of(0.5, 0.5)), 1e-15, "everything tied");
    // one flat sample against one that varies: Welch is defined (the SciPy case one-without-spread)
    assertFalse(Statistics.noSpread(flat, List.of(0.52, 0.55, 0.51)));
    assertNotNull(Statistics.welch(flat, List.of(0.52, 0.55, 0.51)));
  }

  @Test
  void tooSmallSamplesGiveNoStatistic() {
    assertNull(Statistics.sd(List.of(1.0)));
    assertNull(Statistics.meanInterval(List.of(1.0)));
    assertNull(Statistics.welchP(List.of(1.0), List.of(1.0, 2.0)));
    assertNull(Statistics.differenceInterval(List.of(1.0), List.of(1.0, 2.0)));
    assertNull(Statistics.hedgesG(List.of(1.0), List.of(1.0, 2.0)));
    assertNull(Statistics.mannWhitney(List.of(), List.of(1.0)));
    assertNull(Statistics.mean(List.of()));
    // a single seed against two: Mann–Whitney has 3 equally likely ranks, so p is 2/3 at best
    assertEquals(2.0 / 3, Statistics.mannWhitneyP(List.of(0.0), List.of(1.0, 2.0)), 1e-15);
  }

  @Test
  void exactAndApproximateMannWhitneyMeetAtTheCutOff() {
    // just below the cut-off the exact p and the normal approximation are close: the switch is not a cliff
    SplittableRandom random = new SplittableRandom(11);
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (int i = 0; i < Statistics.EXACT_MANN_WHITNEY_BELOW - 1; i++) {
      a.add(Math.round((0.50 + random.nextGaussian() * 0.05) * 100) / 100.0);
      b.add(Math.round((0.52 + random.nextGaussian() * 0.05) * 100) / 100.0);
    }
    Statistics.MannWhitney exact = Statistics.mannWhitney(a, b);
    assertTrue(exact.exact());
    a.add(0.5);
    b.add(0.5);
    Statistics.MannWhitney approximate = Statistics.mannWhitney(a, b);
    assertFalse(approximate.exact());
    assertEquals(exact.p(), approximate.p(), 0.02, exact + " vs " + approximate);
  }

  @Test
  void theDifferenceIntervalCoversTheObservedGap() {
    List<Double> a = List.of(0.6, 0.62, 0.58, 0.65, 0.61);
    List<Double> b = List.of(0.5, 0.52, 0.49);
    Statistics.Interval ci = Statistics.differenceInterval(a, b);
    double gap = Statistics.mean(a) - Statistics.mean(b);
    assertEquals(Statistics.WELCH_T, ci.method());
    assertEquals(gap, (ci.low() + ci.high()) / 2, 1e-12, "a t-interval is centred on the gap");
    assertTrue(ci.low() > 0, "a clear gap's interval excludes 0: " + ci);
  }
}
