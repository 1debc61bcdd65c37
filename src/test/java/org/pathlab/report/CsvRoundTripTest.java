package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentState;

/**
 * Every number a CSV writer prints parses back to the double it was (issue Q: an exponent ending
 * in 0 once lost its zero, so 3.26e-10 read back as 0.326): random losses of every magnitude go
 * through a report and the per-task metrics, and each printed value is parsed and compared exactly.
 */
class CsvRoundTripTest {

  private static final String SCENARIO = ReportBuilderTest.SCENARIO.replace("seeds = [1, 2, 3]",
      "seeds = [" + String.join(", ", java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(String::valueOf).toList()) + "]");

  @Test
  void everyPrintedNumberParsesBackToItsDouble() {
    SplittableRandom random = new SplittableRandom(2026);
    double[] edges = {3.2568459705194250e-10, 1e-100, 1e-10, 2.5e-20, 1e20, 1e16, 0.1, 5e-324, 1.0, 0.0};
    for (int trial = 0; trial < 25; trial++) {
      Map<String, Double> losses = new HashMap<>();
      final int t = trial;
      ExperimentState state = ReportBuilderTest.finished(SCENARIO, run -> losses.computeIfAbsent(run.id(), id -> {
        int k = losses.size();
        return t == 0 && k < edges.length ? edges[k]
            : Math.scalb(random.nextDouble(0.5, 1), random.nextInt(-60, 70));
      }), (run, task) -> 4);
      Report report = ReportBuilder.build(state);
      check(CsvReport.render(report), "run_id", "target_test_loss", losses);
      check(MetricsCsv.render(state, MetricsCsv.Level.TASK), "run_id", "target_test_loss", losses);
      checkAllNumbers(CsvReport.render(report));
    }
  }

  /** Each row's {@code column} is exactly the value of its run. */
  private static void check(String csv, String key, String column, Map<String, Double> expected) {
    List<String> lines = csv.lines().toList();
    List<String> header = ReportFormatsTest.fields(lines.get(0));
    int k = header.indexOf(key);
    int c = header.indexOf(column);
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = ReportFormatsTest.fields(line);
      double value = expected.get(f.get(k));
      assertEquals(value, Double.parseDouble(f.get(c)), 0.0, line);
      assertEquals(Fixed.significant17(value), f.get(c));
    }
  }

  /** Every field that looks like a number parses, and prints back the same (no digit lost, none invented). */
  private static void checkAllNumbers(String csv) {
    List<String> lines = csv.lines().toList();
    for (String line : lines.subList(1, lines.size())) {
      for (String field : ReportFormatsTest.fields(line)) {
        if (!field.matches("-?[0-9][0-9.e+-]*")) continue;
        double x = Double.parseDouble(field);
        List<String> forms = new ArrayList<>(List.of(Fixed.significant17(x)));
        if (x == Math.rint(x) && Math.abs(x) < 1e15) forms.add(String.valueOf((long) x));
        assertEquals(true, forms.contains(field), field + " in " + line);
      }
    }
  }
}
