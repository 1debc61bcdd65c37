package org.pathlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A committed report CSV ({@link CsvReport}) analysed again with today's statistics, no journal
 * needed: every arm against one reference arm ({@link Comparison#againstArm}), paired by seed where
 * the CSV records equal initial weights per seed. CSVs written before the hashes were recorded
 * have none; {@code assumePaired} then treats each seed's runs as starting alike — true of
 * pathlab's trainer, which draws a run's initial weights from its seed and model alone, but not
 * proven by that journal — and the output says so.
 */
public final class CsvReanalysis {

  private CsvReanalysis() {}

  /** The comparison, as {@link Comparison#markdown} prints it, headed by what was assumed. */
  public static String markdown(String csv, String source, String against, boolean assumePaired) {
    Report report = report(csv, source, assumePaired);
    String reference = against != null ? against
        : report.arms().stream().filter(Report.ArmSummary::baseline).map(Report.ArmSummary::arm).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(source + " has no baseline arm; name one with --against"));
    boolean hashes = csv.lines().findFirst().orElse("").contains(",initial_parameters");
    String head = "Re-analysed from " + source + " (per-seed final test loss and accuracy as the report recorded them). "
        + (hashes ? "Pairs by seed where the CSV records equal initial weights."
            : assumePaired ? "This CSV records no initial weights: each seed's runs are ASSUMED to have started alike (pathlab "
                + "draws a run's initial weights from its seed and model alone; that journal did not prove it)."
            : "This CSV records no initial weights, so nothing is paired (--assume-paired pairs by seed).") + "\n\n";
    return head + Comparison.againstArm(report, reference).markdown().replaceFirst("^# Experiment [^:]*:", "# " + source + ":");
  }

  /** The arms and seeds of a report CSV, as a report with only what a comparison reads. */
  static Report report(String csv, String source, boolean assumePaired) {
    List<String> lines = csv.lines().toList();
    if (lines.isEmpty() || !lines.get(0).startsWith("experiment,arm,baseline,seed,")) {
      throw new IllegalArgumentException(source + " is not a pathlab report CSV (its first line is not the report's header)");
    }
    List<String> header = fields(lines.get(0));
    Map<String, List<Report.SeedResult>> seeds = new LinkedHashMap<>();
    Map<String, Boolean> baseline = new LinkedHashMap<>();
    Map<String, Integer> capped = new LinkedHashMap<>();
    String id = "";
    for (int n = 1; n < lines.size(); n++) {
      if (lines.get(n).isBlank()) continue;
      List<String> f = fields(lines.get(n));
      if (f.size() != header.size()) throw new IllegalArgumentException(source + ":" + (n + 1) + ": " + f.size() + " fields, the header has "
          + header.size());
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) row.put(header.get(i), f.get(i));
      id = row.get("experiment");
      String initial = row.getOrDefault("initial_parameters", "");
      if (initial.isEmpty()) initial = assumePaired ? "assumed alike" : null;
      seeds.computeIfAbsent(row.get("arm"), a -> new ArrayList<>()).add(new Report.SeedResult(Long.parseLong(row.get("seed")),
          row.get("run_id"), row.get("status"), 0, number(row.get("target_test_loss")), number(row.get("target_test_accuracy")), 0,
          List.of(), null, true, List.of(), initial));
      baseline.put(row.get("arm"), Boolean.parseBoolean(row.get("baseline")));
      capped.put(row.get("arm"), row.get("arm_capped_runs").isEmpty() ? 0 : Integer.parseInt(row.get("arm_capped_runs")));
    }
    List<Report.ArmSummary> arms = new ArrayList<>();
    for (var e : seeds.entrySet()) {
      arms.add(new Report.ArmSummary(e.getKey(), baseline.get(e.getKey()), "", e.getValue(), 0, null, null, null, null, null, null,
          null, null, null, null, null, null, null, null, null, new Report.Training(0, null, capped.get(e.getKey())), List.of(), null,
          null, List.of(), List.of(), null, null, null, null, null));
    }
    return new Report(id, source, "", "", "", 0, 0, List.of(), arms, 0, "", 0, 0, null, Map.of(), null, null, null);
  }

  private static Double number(String text) {
    return text == null || text.isEmpty() ? null : Double.parseDouble(text);
  }

  /** A CSV line's fields (RFC 4180 quoting, as {@link CsvReport#field} writes them). */
  public static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
