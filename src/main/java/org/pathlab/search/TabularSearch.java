package org.pathlab.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A search replayed on a table of results measured once — the tabular benchmarks of the
 * hyperparameter-optimization literature (HPOBench, NAS-Bench): every candidate path and the
 * baseline trained on every seed of the table, so that a search method can be run thousands of
 * times at no training cost, each time with the candidates in another order and other seeds, and
 * its chance of finding the best path measured against its budget.
 *
 * <p>The budget is in task-epochs, the unit training costs in (an epoch of one task of one run).
 * With prefix sharing a task is paid for once per seed however many candidates begin with the same
 * tasks, as pathlab's prefix registry trains it once; without it each candidate pays for its whole
 * path on each seed (once: a promotion to more seeds keeps the runs it has, in both cases). A candidate's score on some seeds is its mean paired difference to the baseline on
 * them (lower is better, as for test loss); the best path is the one with the lowest mean over all
 * of the table's seeds.
 */
public final class TabularSearch {

  /**
   * {@code steps}: per candidate, a key for each of its tasks (the task and its learning process):
   * equal leading keys are a shared prefix. {@code value}: per candidate and seed, the measured
   * number (final target test loss). {@code epochs}: per candidate, seed and task, the epochs that
   * task trained. The baseline's the same, for its one path.
   */
  public record Table(List<List<String>> steps, double[][] value, int[][][] epochs,
      List<String> baselineSteps, double[] baseline, int[][] baselineEpochs) {

    public Table {
      if (steps.isEmpty() || value.length != steps.size() || epochs.length != steps.size()) {
        throw new IllegalArgumentException("one row of values and epochs per candidate");
      }
      for (int c = 0; c < value.length; c++) {
        if (value[c].length != baseline.length || epochs[c].length != baseline.length) {
          throw new IllegalArgumentException("candidate " + c + ": one value and one row of epochs per seed");
        }
      }
    }

    public int candidates() {
      return steps.size();
    }

    public int seeds() {
      return baseline.length;
    }

    /** The candidate with the lowest mean paired difference to the baseline over every seed. */
    public int best() {
      int best = 0;
      for (int c = 1; c < candidates(); c++) if (meanGap(c) < meanGap(best)) best = c;
      return best;
    }

    /** Candidate {@code c}'s mean paired difference to the baseline over every seed. */
    public double meanGap(int c) {
      double sum = 0;
      for (int s = 0; s < seeds(); s++) sum += value[c][s] - baseline[s];
      return sum / seeds();
    }
  }

  public enum Method { SUCCESSIVE_HALVING, RANDOM }

  /**
   * {@code eta}, {@code minSeeds}, {@code maxRung}: the successive-halving rungs (random search
   * evaluates every candidate it draws on the top rung's seeds); {@code budget}: task-epochs.
   */
  public record Settings(int eta, int minSeeds, int maxRung, long budget, boolean sharePrefixes) {}

  /** What one search chose (−1: nothing evaluated within the budget), what it spent, how many evaluations it made. */
  public record Result(int chosen, long spent, int evaluations) {}

  private TabularSearch() {}

  /** One search on the table, with the candidates and the seeds in an order drawn from {@code random}. */
  public static Result run(Table table, Method method, Settings settings, Random random) {
    SuccessiveHalving rungs = new SuccessiveHalving(table.candidates(), settings.eta(), settings.minSeeds(), settings.maxRung());
    int top = rungs.seeds(settings.maxRung());
    if (top > table.seeds()) {
      throw new IllegalArgumentException("the top rung needs " + top + " seeds; the table has " + table.seeds());
    }
    List<Integer> order = shuffled(table.candidates(), random);
    List<Integer> seeds = shuffled(table.seeds(), random);
    Ledger ledger = new Ledger(table, seeds, settings.sharePrefixes());
    return method == Method.RANDOM
        ? random(table, order, top, ledger, settings.budget())
        : halving(table, rungs, order, ledger, settings.budget());
  }

  private static Result halving(Table table, SuccessiveHalving rungs, List<Integer> order, Ledger ledger, long budget) {
    int evaluations = 0;
    while (ledger.spent < budget) {
      var job = rungs.next();
      if (job.isEmpty()) break;
      int candidate = order.get(job.get().candidate());
      rungs.report(job.get(), ledger.evaluate(candidate, job.get().seeds()));
      evaluations++;
    }
    int chosen = rungs.leader().isPresent() ? order.get(rungs.leader().getAsInt()) : -1;
    return new Result(chosen, ledger.spent, evaluations);
  }

  private static Result random(Table table, List<Integer> order, int seeds, Ledger ledger, long budget) {
    int chosen = -1;
    double best = Double.POSITIVE_INFINITY;
    int evaluations = 0;
    for (int candidate : order) {
      if (ledger.spent >= budget) break;
      double score = ledger.evaluate(candidate, seeds);
      evaluations++;
      if (score < best) {
        best = score;
        chosen = candidate;
      }
    }
    return new Result(chosen, ledger.spent, evaluations);
  }

  /**
   * Per budget (task-epochs): of {@code repetitions} searches (repetition {@code i} draws its orders
   * from {@code new Random(seed + i)}), the share that chose the best path, the share that chose one
   * whose mean gap is within {@code margin} of the best's, and the mean task-epochs spent.
   */
  public static double[][] successRates(Table table, Method method, Settings settings, long[] budgets, int repetitions,
      long seed, double margin) {
    int best = table.best();
    double[][] rates = new double[budgets.length][3];
    for (int b = 0; b < budgets.length; b++) {
      Settings at = new Settings(settings.eta(), settings.minSeeds(), settings.maxRung(), budgets[b], settings.sharePrefixes());
      for (int i = 0; i < repetitions; i++) {
        Result r = run(table, method, at, new Random(seed + i));
        if (r.chosen() == best) rates[b][0]++;
        if (r.chosen() >= 0 && table.meanGap(r.chosen()) <= table.meanGap(best) + margin) rates[b][1]++;
        rates[b][2] += r.spent();
      }
      for (int k = 0; k < 3; k++) rates[b][k] /= repetitions;
    }
    return rates;
  }

  private static List<Integer> shuffled(int n, Random random) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) all.add(i);
    Collections.shuffle(all, random);
    return all;
  }

  /** What training the evaluations so far would have cost, each prefix paid for once per seed when shared. */
  private static final class Ledger {
    private final Table table;
    private final List<Integer> seeds;
    private final boolean share;
    private final Set<String> trained = new HashSet<>();
    long spent;

    Ledger(Table table, List<Integer> seeds, boolean share) {
      this.table = table;
      this.seeds = seeds;
      this.share = share;
    }

    /** Candidate {@code c} on the first {@code n} seeds of the search (with the baseline on them): its score. */
    double evaluate(int c, int n) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        int s = seeds.get(i);
        pay(s, "baseline", table.baselineSteps(), table.baselineEpochs()[s]);
        pay(s, "candidate " + c, table.steps().get(c), table.epochs()[c][s]);
        sum += table.value()[c][s] - table.baseline()[s];
      }
      return sum / n;
    }

    private void pay(int seed, String who, List<String> steps, int[] epochs) {
      StringBuilder prefix = new StringBuilder().append(seed);
      for (int task = 0; task < steps.size(); task++) {
        prefix.append('|').append(steps.get(task));
        // without sharing, each evaluation trains its run again: a run trained once is still not retrained
        String key = share ? prefix.toString() : who + "@" + prefix;
        if (trained.add(key)) spent += epochs[task];
      }
    }
  }
}
