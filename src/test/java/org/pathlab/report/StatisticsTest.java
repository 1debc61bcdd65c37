package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Report statistics against values computed independently with SciPy/NumPy
 * (src/test/resources/stats/reference.py, output committed as reference.json).
 */
class StatisticsTest {

  static Stream<Map.Entry<String, JsonNode>> cases() throws IOException {
    JsonNode root = new ObjectMapper().readTree(Path.of("src/test/resources/stats/reference.json").toFile());
    List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) list.add(it.next());
    return list.stream();
  }

  private static List<Double> values(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asDouble()));
    return values;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesScipy(Map.Entry<String, JsonNode> c) {
    JsonNode r = c.getValue();
    List<Double> a = values(r.path("a"));
    List<Double> b = values(r.path("b"));
    assertEquals(r.path("mean_a").asDouble(), Statistics.mean(a), 1e-12, c.getKey());
    assertEquals(r.path("sd_a").asDouble(), Statistics.sd(a), 1e-12, c.getKey());
    assertEquals(r.path("median_a").asDouble(), Statistics.median(a), 1e-12, c.getKey());
    assertEquals(r.path("welch_p").asDouble(), Statistics.welchP(a, b), 1e-9, c.getKey() + " Welch");
    assertEquals(r.path("mann_whitney_p").asDouble(), Statistics.mannWhitneyP(a, b), 1e-9, c.getKey() + " Mann-Whitney");
    double[] sorted = a.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    assertEquals(r.path("percentile_2_5_a").asDouble(), Statistics.quantile(sorted, 0.025), 1e-12);
    assertEquals(r.path("percentile_97_5_a").asDouble(), Statistics.quantile(sorted, 0.975), 1e-12);
  }

  @Test
  void theBootstrapDrawsAreSplittableRandomsDraws() {
    SplittableRandom seeds = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      long seed = trial < 5 ? trial : seeds.nextLong();
      SplittableRandom expected = new SplittableRandom(seed);
      Statistics.SplitMix actual = new Statistics.SplitMix(seed);
      for (int i = 0; i < 5_000; i++) {
        // small sample sizes as in reports, powers of two, and bounds where rejection is frequent
        int bound = switch (i % 4) {
          case 0 -> 1 + (i % 50);
          case 1 -> 1 << (i % 31);
          case 2 -> Integer.MAX_VALUE - (i % 7);
          default -> (1 << 30) + 1 + i;
        };
        assertEquals(expected.nextInt(bound), actual.nextInt(bound), "seed " + seed + " draw " + i + " bound " + bound);
      }
    }
  }

  @Test
  void quantilesBySelectionEqualQuantilesOfTheSortedValues() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + random.nextInt(3000);
      double[] values = new double[n];
      // few distinct values in some trials: ties must not matter
      int distinct = trial % 3 == 0 ? 1 + random.nextInt(5) : Integer.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        values[i] = distinct == Integer.MAX_VALUE ? random.nextDouble() * 10 - 5 : random.nextInt(distinct);
      }
      double[] sorted = values.clone();
      java.util.Arrays.sort(sorted);
      for (double q : new double[] {0.0, 0.025, 0.5, 0.975, 1.0}) {
        assertEquals(Statistics.quantile(sorted, q), Statistics.selectQuantile(values.clone(), q), "n=" + n + " q=" + q);
      }
    }
  }

  @Test
  void theBootstrapIntervalOfALargeSampleIsTheNormalTheoryInterval() {
    SplittableRandom random = new SplittableRandom(3);
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < 400; i++) xs.add(1 + random.nextGaussian() * 0.5);
    Statistics.Interval ci = Statistics.meanInterval(xs, 1);
    double m = Statistics.mean(xs);
    double half = 1.96 * Statistics.sd(xs) / Math.sqrt(xs.size());
    assertEquals(m - half, ci.low(), half * 0.1);
    assertEquals(m + half, ci.high(), half * 0.1);
    assertEquals(ci, Statistics.meanInterval(xs, 1), "the same seed gives the same interval");
  }

  @Test
  void theDifferenceIntervalCoversTheObservedGap() {
    List<Double> a = List.of(0.6, 0.62, 0.58, 0.65, 0.61);
    List<Double> b = List.of(0.5, 0.52, 0.49);
    Statistics.Interval ci = Statistics.differenceInterval(a, b, 7);
    double gap = Statistics.mean(a) - Statistics.mean(b);
    assertTrue(ci.low() < gap && gap < ci.high(), ci.toString());
    assertTrue(ci.low() > 0, "a clear gap's interval excludes 0: " + ci);
  }

  @Test
  void tooSmallSamplesGiveNoStatistic() {
    assertNull(Statistics.sd(List.of(1.0)));
    assertNull(Statistics.meanInterval(List.of(1.0), 1));
    assertNull(Statistics.welchP(List.of(1.0), List.of(1.0, 2.0)));
    assertNull(Statistics.mean(List.of()));
  }
}
