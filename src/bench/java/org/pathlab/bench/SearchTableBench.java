package org.pathlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.pathlab.report.CsvReanalysis;
import org.pathlab.search.TabularSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Issue U's tabular benchmark: an experiment that trained every path of a space on every seed
 * ({@code pathlab report ID --format tasks}) becomes a table, and successive halving and random
 * search are replayed on it many times, with and without prefix sharing counted: per budget, how
 * often each found the best path. One JSON line per method, sharing and budget.
 */
@Command(name = "search-table",
    description = "Replay successive halving and random search on an exhaustive experiment's tasks CSV (`report ID --format tasks`).")
final class SearchTableBench implements Callable<Integer> {

  @Option(names = "--tasks", required = true, description = "the tasks CSV of an experiment that trained every path on every seed")
  Path tasks;

  @Option(names = "--budgets", split = ",", required = true, description = "budgets in task-epochs, e.g. 2000,4000,8000")
  long[] budgets;

  @Option(names = "--repetitions", defaultValue = "1000", description = "searches per budget (default ${DEFAULT-VALUE})")
  int repetitions;

  @Option(names = "--eta", defaultValue = "2") int eta;
  @Option(names = "--min-seeds", defaultValue = "1") int minSeeds;
  @Option(names = "--max-rung", defaultValue = "2") int maxRung;
  @Option(names = "--margin", defaultValue = "0.005", description = "a path within this of the best's mean gap counts as near (default ${DEFAULT-VALUE})")
  double margin;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    java.io.PrintWriter out = spec.commandLine().getOut();
    TabularSearch.Table table = table(Files.readString(tasks), tasks.toString());
    int best = table.best();
    out.printf(Locale.ROOT, "{\"mode\":\"search-table\",\"candidates\":%d,\"seeds\":%d,\"best\":%d,\"bestGap\":%.6f}%n",
        table.candidates(), table.seeds(), best, table.meanGap(best));
    for (TabularSearch.Method method : TabularSearch.Method.values()) {
      for (boolean share : new boolean[] {true, false}) {
        var settings = new TabularSearch.Settings(eta, minSeeds, maxRung, 0, share);
        double[][] rates = TabularSearch.successRates(table, method, settings, budgets, repetitions, seed, margin);
        for (int b = 0; b < budgets.length; b++) {
          out.printf(Locale.ROOT, "{\"mode\":\"search-table\",\"method\":\"%s\",\"sharePrefixes\":%s,\"budget\":%d,"
                  + "\"eta\":%d,\"minSeeds\":%d,\"maxRung\":%d,\"repetitions\":%d,\"foundBest\":%.4f,\"withinMargin\":%.4f,"
                  + "\"margin\":%s,\"meanSpent\":%.1f}%n",
              method.name().toLowerCase(Locale.ROOT), share, budgets[b], eta, minSeeds, maxRung, repetitions, rates[b][0], rates[b][1],
              margin, rates[b][2]);
        }
      }
    }
    out.flush();
    return 0;
  }

  /** What every task of a run is: its levels and learning process (equal leading keys are a shared prefix). */
  private static final List<String> STEP = List.of("level_blur", "level_contrast", "level_shift", "learning_rate", "momentum",
      "weight_decay", "batch_size", "max_epochs", "patience", "bias_reset");

  /** The table of a tasks CSV: every arm but the baseline a candidate; every run complete on every seed of the baseline. */
  static TabularSearch.Table table(String csv, String source) {
    List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) throw new IllegalArgumentException(source + " is empty");
    List<String> header = CsvReanalysis.fields(lines.get(0));
    for (String column : List.of("arm", "baseline", "seed", "task", "tasks_in_path", "epochs_run", "target_test_loss")) {
      if (!header.contains(column)) throw new IllegalArgumentException(source + ": no column " + column + " (a `--format tasks` CSV?)");
    }
    Map<String, Map<Long, TreeMap<Integer, Map<String, String>>>> runs = new LinkedHashMap<>();
    String baseline = null;
    for (int n = 1; n < lines.size(); n++) {
      List<String> f = CsvReanalysis.fields(lines.get(n));
      if (f.size() != header.size()) throw new IllegalArgumentException(source + ":" + (n + 1) + ": " + f.size() + " fields, the header has " + header.size());
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) row.put(header.get(i), f.get(i));
      if (Boolean.parseBoolean(row.get("baseline"))) baseline = row.get("arm");
      runs.computeIfAbsent(row.get("arm"), a -> new LinkedHashMap<>())
          .computeIfAbsent(Long.parseLong(row.get("seed")), s -> new TreeMap<>()).put(Integer.parseInt(row.get("task")), row);
    }
    if (baseline == null) throw new IllegalArgumentException(source + ": no baseline arm");
    List<Long> seeds = new ArrayList<>(new TreeSet<>(runs.get(baseline).keySet()));
    List<List<String>> steps = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    List<int[][]> epochs = new ArrayList<>();
    List<String> baselineSteps = null;
    double[] baselineValues = null;
    int[][] baselineEpochs = null;
    for (var arm : runs.entrySet()) {
      List<String> armSteps = null;
      double[] v = new double[seeds.size()];
      int[][] e = new int[seeds.size()][];
      for (int s = 0; s < seeds.size(); s++) {
        TreeMap<Integer, Map<String, String>> tasks = arm.getValue().get(seeds.get(s));
        String where = source + ": arm " + arm.getKey() + ", seed " + seeds.get(s);
        if (tasks == null) throw new IllegalArgumentException(where + ": no run (the table needs every path on every seed)");
        int length = Integer.parseInt(tasks.firstEntry().getValue().get("tasks_in_path"));
        if (tasks.size() != length || tasks.lastKey() != length - 1) throw new IllegalArgumentException(where + ": " + tasks.size()
            + " of " + length + " tasks completed (the table needs finished runs)");
        List<String> keys = new ArrayList<>();
        e[s] = new int[length];
        for (var task : tasks.entrySet()) {
          StringBuilder key = new StringBuilder();
          for (String column : STEP) key.append(task.getValue().getOrDefault(column, "")).append(' ');
          keys.add(key.toString().trim());
          e[s][task.getKey()] = Integer.parseInt(task.getValue().get("epochs_run"));
        }
        v[s] = Double.parseDouble(tasks.lastEntry().getValue().get("target_test_loss"));
        if (armSteps == null) armSteps = keys;
      }
      if (arm.getKey().equals(baseline)) {
        baselineSteps = armSteps;
        baselineValues = v;
        baselineEpochs = e;
      } else {
        steps.add(armSteps);
        values.add(v);
        epochs.add(e);
      }
    }
    return new TabularSearch.Table(steps, values.toArray(double[][]::new), epochs.toArray(int[][][]::new), baselineSteps,
        baselineValues, baselineEpochs);
  }
}
