package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Paired statistics against SciPy 1.17 (src/test/resources/stats/paired_reference.py, output
 * committed as paired-reference.json), and the replication's committed CSVs against SciPy's
 * {@code ttest_rel} on their own per-seed values.
 */
class PairedStatisticsTest {

  private static final JsonNode SCIPY = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(Path.of("src/test/resources/stats/paired-reference.json").toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Double> values(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asDouble()));
    return out;
  }

  private static void close(double expected, double actual, double relative, String what) {
    assertEquals(expected, actual, relative * Math.max(Math.abs(expected), 1e-300), what);
  }

  @Test
  void matchesScipysTtestRelAndWilcoxon() {
    SCIPY.path("paired").fields().forEachRemaining(e -> {
      String name = e.getKey();
      JsonNode c = e.getValue();
      List<Double> a = values(c.path("a"));
      List<Double> b = values(c.path("b"));
      PairedStatistics.PairedT t = PairedStatistics.pairedT(a, b);
      close(c.path("paired_t_p").asDouble(), t.p(), 1e-9, name + " p");
      close(c.path("paired_t_df").asDouble(), t.df(), 1e-12, name + " df");
      close(c.path("paired_t_ci_low").asDouble(), t.interval().low(), 1e-9, name + " CI low");
      close(c.path("paired_t_ci_high").asDouble(), t.interval().high(), 1e-9, name + " CI high");
      assertEquals(PairedStatistics.PAIRED_T, t.interval().method());
      close(c.path("wilcoxon_p").asDouble(), PairedStatistics.wilcoxon(a, b).p(), 1e-12, name + " Wilcoxon");
      close(c.path("hedges_g_av").asDouble(), PairedStatistics.hedgesGav(a, b), 1e-10, name + " g_av");
    });
  }

  @Test
  void theWilcoxonTestWithTiesAndZerosIsTheExactSignFlipDistribution() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(12);
      List<Double> a = new ArrayList<>();
      List<Double> b = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // few distinct differences, zeros among them: ties are the rule here
        a.add((double) random.nextInt(-3, 4));
        b.add(0.0);
      }
      PairedStatistics.Wilcoxon w = PairedStatistics.wilcoxon(a, b);
      Double expected = bruteForce(a);
      if (expected == null) {
        assertNull(w, "no difference is non-zero: " + a);
      } else {
        assertEquals(expected, w.p(), 1e-12, a.toString());
      }
    }
  }

  /** Every assignment of signs to the non-zero differences' mid-ranks, equally likely. */
  private static Double bruteForce(List<Double> d) {
    List<Double> nonZero = d.stream().filter(x -> x != 0).toList();
    int n = nonZero.size();
    if (n == 0) return null;
    double[] ranks = new double[n];
    for (int i = 0; i < n; i++) {
      double less = 0;
      double equal = 0;
      for (double y : nonZero) {
        if (Math.abs(y) < Math.abs(nonZero.get(i))) less++;
        if (Math.abs(y) == Math.abs(nonZero.get(i))) equal++;
      }
      ranks[i] = less + (equal + 1) / 2;
    }
    double observed = 0;
    for (int i = 0; i < n; i++) if (nonZero.get(i) > 0) observed += ranks[i];
    int le = 0;
    int ge = 0;
    for (int mask = 0; mask < 1 << n; mask++) {
      double s = 0;
      for (int i = 0; i < n; i++) if ((mask >> i & 1) == 1) s += ranks[i];
      if (s <= observed + 1e-9) le++;
      if (s >= observed - 1e-9) ge++;
    }
    return Math.min(1, 2.0 * Math.min(le, ge) / (1 << n));
  }

  @Test
  void undefinedWhereTheDataGiveNoTest() {
    assertNull(PairedStatistics.pairedT(List.of(0.5), List.of(0.4)), "one pair");
    assertNull(PairedStatistics.pairedT(List.of(0.5, 0.6), List.of(0.4)), "unequal lengths");
    assertNull(PairedStatistics.pairedT(List.of(0.5, 0.6, 0.7), List.of(0.4, 0.5, 0.6)), "every difference the same");
    assertNull(PairedStatistics.hedgesGav(List.of(0.5, 0.5), List.of(0.4, 0.4)), "neither sample varies");
    assertNull(PairedStatistics.wilcoxon(List.of(0.5, 0.6), List.of(0.5, 0.6)), "every difference zero");
  }

  /**
   * Issue Q's acceptance: every arm that a committed replication CSV compared paired by seed has
   * the p that SciPy's ttest_rel gives on the CSV's own per-seed losses, to 4 significant digits.
   */
  @Test
  void theReplicationsPairedPValuesAreScipys() throws IOException {
    // the committed CSV itself, read here: its p column is the SciPy reference's printed_p
    List<String> lines = java.nio.file.Files.readAllLines(Path.of("docs/results/replication/effect-blur.csv"));
    List<String> header = ReportFormatsTest.fields(lines.get(0));
    String printed = lines.stream().skip(1).map(ReportFormatsTest::fields).filter(f -> f.get(1).equals("blur→sharp")).findFirst()
        .orElseThrow().get(header.indexOf("p"));
    close(SCIPY.path("replication").path("effect-blur.csv blur→sharp").path("scipy_ttest_rel_p").asDouble(),
        Double.parseDouble(printed), 5e-5, "effect-blur.csv's paired p against SciPy's ttest_rel to 4 significant digits");
    JsonNode replication = SCIPY.path("replication");
    assertTrue(replication.has("effect-blur.csv blur→sharp"), "the effect-blur re-run is paired by seed: " + replication);
    replication.fields().forEachRemaining(e -> {
      JsonNode c = e.getValue();
      close(c.path("scipy_ttest_rel_p").asDouble(), c.path("printed_p").asDouble(), 5e-5, e.getKey());
      PairedStatistics.PairedT t = PairedStatistics.pairedT(values(c.path("a")), values(c.path("b")));
      close(c.path("scipy_ttest_rel_p").asDouble(), t.p(), 1e-9, e.getKey() + " recomputed");
    });
  }
}
