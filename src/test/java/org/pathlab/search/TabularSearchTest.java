package org.pathlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Searches replayed on a table: what they spend with and without prefix sharing, and how often they
 * find the best path. The table here is made up (the real one is measured by training every path:
 * issue U); its numbers are chosen so that every expected figure can be worked out by hand.
 */
class TabularSearchTest {

  private static final int EPOCHS = 3;

  /**
   * 9 candidates: a first task of three kinds (blur, shift, noise) × a second of three, then the
   * target; candidate 7 is 0.05 below the baseline, the others 0 to 0.08 above; seed noise ±0.02.
   */
  private static TabularSearch.Table table(int seeds) {
    String[] first = {"blur", "shift", "noise"};
    String[] second = {"blur-half", "shift-half", "sharp-lr-up"};
    List<List<String>> steps = new ArrayList<>();
    double[][] value = new double[9][seeds];
    int[][][] epochs = new int[9][seeds][3];
    double[] baseline = new double[seeds];
    int[][] baselineEpochs = new int[seeds][1];
    Random noise = new Random(5);
    for (int s = 0; s < seeds; s++) {
      baseline[s] = 0.30 + 0.02 * noise.nextGaussian();
      baselineEpochs[s][0] = EPOCHS;
    }
    for (int c = 0; c < 9; c++) {
      steps.add(List.of(first[c / 3], first[c / 3] + ">" + second[c % 3], "target"));
      double gap = c == 7 ? -0.05 : 0.01 * c;
      for (int s = 0; s < seeds; s++) {
        value[c][s] = baseline[s] + gap + 0.02 * noise.nextGaussian();
        java.util.Arrays.fill(epochs[c][s], EPOCHS);
      }
    }
    return new TabularSearch.Table(steps, value, epochs, List.of("target-alone"), baseline, baselineEpochs);
  }

  @Test
  void sharedPrefixesArePaidForOncePerSeed() {
    TabularSearch.Table t = table(1);
    // every candidate on the one seed, no halving (a single rung), budget enough for all
    var shared = TabularSearch.run(t, TabularSearch.Method.SUCCESSIVE_HALVING, new TabularSearch.Settings(3, 1, 0, 1_000, true), new Random(1));
    var alone = TabularSearch.run(t, TabularSearch.Method.SUCCESSIVE_HALVING, new TabularSearch.Settings(3, 1, 0, 1_000, false), new Random(1));
    assertEquals(9, shared.evaluations());
    // baseline 3 + first tasks 3 kinds × 3 + second tasks 9 × 3 + targets 9 × 3
    assertEquals(3 + 9 + 27 + 27, shared.spent());
    // every candidate pays its own three tasks: 9 × 9, and the baseline once
    assertEquals(3 + 81, alone.spent());
    assertEquals(7, shared.chosen());
    assertEquals(7, t.best());
  }

  @Test
  void halvingFindsTheBestPathMoreOftenThanRandomSearchAtTheSameBudget() {
    TabularSearch.Table t = table(9);
    var settings = new TabularSearch.Settings(3, 1, 2, 0, true);
    long[] budgets = {200, 400};
    double[][] halving = TabularSearch.successRates(t, TabularSearch.Method.SUCCESSIVE_HALVING, settings, budgets, 200, 11, 0.0);
    double[][] random = TabularSearch.successRates(t, TabularSearch.Method.RANDOM, settings, budgets, 200, 11, 0.0);
    for (int b = 0; b < budgets.length; b++) {
      assertTrue(halving[b][0] > random[b][0], "budget " + budgets[b] + ": halving " + halving[b][0] + ", random " + random[b][0]);
      assertTrue(halving[b][2] <= budgets[b] + 9 * 9 + 3 * 9, "a search stops once its budget is spent (one evaluation may go past it)");
    }
    assertTrue(halving[1][0] >= 0.9, "at 400 task-epochs halving finds the best in " + halving[1][0]);
  }

  @Test
  void itRefusesATableWithTooFewSeedsForTheTopRung() {
    assertThrows(IllegalArgumentException.class, () -> TabularSearch.run(table(3), TabularSearch.Method.SUCCESSIVE_HALVING,
        new TabularSearch.Settings(3, 1, 2, 1_000, true), new Random(1)));
  }
}
