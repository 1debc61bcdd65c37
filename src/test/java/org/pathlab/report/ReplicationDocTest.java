package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/replication.md says what its numbers are (issue Q): every interval it prints is labelled
 * with the method that made it, and every interval in its table of claims is one that the committed
 * per-seed CSVs under docs/results/replication/ give by that method — the report's own interval
 * (its CSV names the method), or one recomputed from the CSV's per-seed values: Welch's t between
 * two arms, or the paired t by seed where both finished the same seeds and (where the CSV records
 * initial weights) each seed's runs started alike. Accuracy intervals are in percentage points.
 */
class ReplicationDocTest {

  private static final Path DOC = Path.of("docs/replication.md");
  private static final Path RESULTS = Path.of("docs/results/replication");
  /** The 90 % paired interval of an equivalence test (TOST at α = 0.05; {@link Equivalence}). */
  private static final String PAIRED_T_90 = "paired t, 90 %";
  private static final Set<String> METHODS = Set.of(Statistics.WELCH_T, PairedStatistics.PAIRED_T, Statistics.T, PAIRED_T_90);
  private static final Pattern INTERVAL = Pattern.compile("\\[([+\\-−]?\\d+\\.(\\d+)), ([+\\-−]?\\d+\\.\\d+)\\]( pp)?( \\(([^)]+)\\))?");

  private record Candidate(double low, double high, String method, boolean percentagePoints, String where) {}

  @Test
  void everyIntervalIsLabelledWithItsMethodAndTheTablesOnesAreTheData() throws IOException {
    List<Candidate> candidates = candidates();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String line : Files.readAllLines(DOC)) {
      Matcher m = INTERVAL.matcher(line);
      while (m.find()) {
        String label = m.group(6);
        if (label == null || !METHODS.contains(label)) {
          problems.add("unlabelled or unknown method: " + m.group() + " in: " + excerpt(line, m.start()));
          continue;
        }
        if (!line.startsWith("| ")) continue;
        double low = number(m.group(1));
        double high = number(m.group(3));
        boolean pp = m.group(4) != null;
        double tolerance = 0.5 * Math.pow(10, -m.group(2).length()) + 1e-9;
        boolean found = candidates.stream().anyMatch(c -> c.method().equals(label) && c.percentagePoints() == pp
            && Math.abs(c.low() - low) <= tolerance && Math.abs(c.high() - high) <= tolerance);
        if (!found) problems.add("no " + label + " interval " + m.group() + " in the committed CSVs: " + excerpt(line, m.start()));
        checked++;
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(checked >= 10, "the table's intervals were checked (" + checked + ")");
  }

  private static String excerpt(String line, int at) {
    return line.substring(Math.max(0, at - 60), Math.min(line.length(), at + 60));
  }

  private static double number(String text) {
    return Double.parseDouble(text.replace('−', '-'));
  }

  /** Every interval the committed CSVs give: the reports' own, and Welch and paired t between any two arms, loss and accuracy. */
  private static List<Candidate> candidates() throws IOException {
    List<Candidate> out = new ArrayList<>();
    Map<String, Map<String, Map<Long, String[]>>> byFile = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(RESULTS)) {
      for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = ReportFormatsTest.fields(lines.get(0));
        Map<String, Map<Long, String[]>> arms = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
          if (line.isBlank()) continue;
          List<String> f = ReportFormatsTest.fields(line);
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < header.size(); i++) row.put(header.get(i), f.get(i));
          reported(out, row, csv.getFileName().toString());
          if (!row.get("status").equals("finished")) continue;
          arms.computeIfAbsent(row.get("arm"), a -> new TreeMap<>()).put(Long.parseLong(row.get("seed")),
              new String[] {row.get("target_test_loss"), row.get("target_test_accuracy"), row.getOrDefault("initial_parameters", "")});
        }
        for (var a : arms.entrySet()) {
          for (var b : arms.entrySet()) {
            if (!a.getKey().equals(b.getKey())) recomputed(out, a.getValue(), b.getValue(), csv + ": " + a.getKey() + " − " + b.getKey());
          }
        }
        byFile.put(csv.getFileName().toString(), arms);
      }
    }
    // the same arm in two experiments (one in bf16, one in fp32): the 90 % paired interval of an equivalence test
    for (var x : byFile.entrySet()) {
      for (var y : byFile.entrySet()) {
        if (x.getKey().equals(y.getKey())) continue;
        for (var arm : x.getValue().entrySet()) {
          Map<Long, String[]> other = y.getValue().get(arm.getKey());
          if (other != null) paired90(out, arm.getValue(), other, x.getKey() + " − " + y.getKey() + ": " + arm.getKey());
        }
      }
    }
    return out;
  }

  private static void paired90(List<Candidate> out, Map<Long, String[]> a, Map<Long, String[]> b, String where) {
    if (!a.keySet().equals(b.keySet()) || a.size() < 2 || !a.keySet().stream().allMatch(s -> a.get(s)[2].equals(b.get(s)[2]))) return;
    List<Double> d = a.keySet().stream().map(s -> Double.parseDouble(a.get(s)[0]) - Double.parseDouble(b.get(s)[0])).toList();
    double mean = Statistics.mean(d);
    double half = new org.apache.commons.math3.distribution.TDistribution(null, d.size() - 1).inverseCumulativeProbability(0.95)
        * Statistics.sd(d) / Math.sqrt(d.size());
    out.add(new Candidate(mean - half, mean + half, PAIRED_T_90, false, where));
  }

  /** The report's own intervals, as its CSV row names their methods. */
  private static void reported(List<Candidate> out, Map<String, String> row, String where) {
    add(out, row, "gap_ci_low", "gap_ci_high", "gap_ci_method", false, where);
    add(out, row, "arm_ci_low", "arm_ci_high", "arm_ci_method", false, where);
    add(out, row, "accuracy_ci_low", "accuracy_ci_high", "accuracy_ci_method", true, where);
    add(out, row, "control_ci_low", "control_ci_high", "control_ci_method", false, where);
    if (!row.getOrDefault("welch_ci_low", "").isEmpty()) {
      out.add(new Candidate(Double.parseDouble(row.get("welch_ci_low")), Double.parseDouble(row.get("welch_ci_high")),
          Statistics.WELCH_T, false, where));
    }
  }

  private static void add(List<Candidate> out, Map<String, String> row, String low, String high, String method, boolean pp,
      String where) {
    if (row.getOrDefault(low, "").isEmpty()) return;
    double scale = pp ? 100 : 1;
    out.add(new Candidate(scale * Double.parseDouble(row.get(low)), scale * Double.parseDouble(row.get(high)), row.get(method), pp,
        where));
  }

  private static void recomputed(List<Candidate> out, Map<Long, String[]> a, Map<Long, String[]> b, String where) {
    for (int k = 0; k < 2; k++) {
      final int metric = k;
      List<Double> x = a.values().stream().map(v -> Double.parseDouble(v[metric])).toList();
      List<Double> y = b.values().stream().map(v -> Double.parseDouble(v[metric])).toList();
      double scale = k == 1 ? 100 : 1;
      Statistics.Welch w = Statistics.welch(x, y);
      if (w != null) out.add(new Candidate(scale * w.interval().low(), scale * w.interval().high(), Statistics.WELCH_T, k == 1, where));
      boolean sameStarts = a.keySet().equals(b.keySet())
          && a.keySet().stream().allMatch(s -> a.get(s)[2].equals(b.get(s)[2]));
      PairedStatistics.PairedT t = sameStarts ? PairedStatistics.pairedT(x, y) : null;
      if (t != null) {
        out.add(new Candidate(scale * t.interval().low(), scale * t.interval().high(), PairedStatistics.PAIRED_T, k == 1, where));
      }
    }
  }
}
