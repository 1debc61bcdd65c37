package org.pathlab.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.report.Report;
import org.pathlab.report.ReportBuilder;
import org.pathlab.scenario.SearchSpec;
import org.pathlab.search.SearchEvent.JobStarted;

/**
 * A search's report: what it selected from how many paths and what the confirmation found (in one
 * sentence), the leaderboard of every rung (search-phase numbers, biased by the selection and
 * never the result), every evaluation with its cost, the tree of prefixes with what each cost and
 * how often it was used without training, and the confirmation's arms with their verdicts (from the
 * confirmation experiment's own report, Holm's correction over its comparisons). A function of the
 * search's events and its confirmation experiment's: the daemon and {@code pathlab replay} build
 * the same one.
 */
public record SearchReport(
    String searchId,
    String scenario,
    String status,
    String method,
    int candidates,
    String metric,
    List<Integer> rungSeeds,
    long budget,
    long spent,
    long withoutSharing,
    String summary,
    List<Rung> rungs,
    List<Evaluation> evaluations,
    List<Prefix> prefixes,
    String confirmationExperiment,
    List<Long> confirmationSeeds,
    List<Confirmed> confirmation) {

  /** One rung's leaderboard, best first. */
  public record Rung(int rung, int seeds, List<Entry> entries) {}

  /** {@code score}: the search-phase mean paired difference to the baseline (lower is better). */
  public record Entry(int rank, String path, double score) {}

  public record Evaluation(int index, String path, int rung, int seeds, String experimentId, Double score, Long cost, String failure) {}

  /** A prefix (the same tasks from the start), over all seeds: epochs the search paid for it, how often it was trained by the search, and how often used without training. */
  public record Prefix(String label, int depth, long epochsPaid, int trained, int reused) {}

  /** An arm of the confirmation and its verdicts (null while the confirmation runs). */
  public record Confirmed(String arm, String role, int finished, Double mean, Double gap, Double gapLow, Double gapHigh, Double holmP,
      String verdict, String control, String controlVerdict) {}

  public static SearchReport build(SearchState s, ExperimentState confirmationExperiment) {
    Schedule schedule = s.schedule();
    SearchSpec spec = s.spec();
    List<Integer> rungSeeds = new ArrayList<>();
    List<Rung> rungs = new ArrayList<>();
    int lowest = spec.method().equals(SearchSpec.RANDOM) ? spec.maxRung() : 0;
    for (int r = lowest; r <= spec.maxRung(); r++) {
      rungSeeds.add(spec.seeds(r));
      List<Entry> entries = new ArrayList<>();
      for (var e : schedule.ranking(r)) entries.add(new Entry(entries.size() + 1, name(s, e.getKey()), e.getValue()));
      rungs.add(new Rung(r, spec.seeds(r), entries));
    }
    List<Evaluation> evaluations = new ArrayList<>();
    List<Long> costs = schedule.costs();
    long withoutSharing = 0;
    Map<String, long[]> tree = new TreeMap<>();
    Map<String, Integer> depths = new LinkedHashMap<>();
    java.util.Set<String> paid = new java.util.HashSet<>();
    for (JobStarted job : s.jobs()) {
      JobResult r = s.results().get(job.index());
      Long cost = job.index() < costs.size() ? costs.get(job.index()) : null;
      evaluations.add(new Evaluation(job.index(), name(s, job.candidate()), job.rung(), job.seeds(), job.experimentId(),
          r == null ? null : r.score(), cost, r == null ? null : r.failure()));
      if (r == null || job.index() >= costs.size()) continue;
      for (JobResult.PrefixUse use : r.uses()) {
        withoutSharing += use.epochs();
        long[] node = tree.computeIfAbsent(use.label(), k -> new long[3]);
        depths.put(use.label(), use.depth());
        String key = use.key() != null ? use.key() : job.index() + "/" + use.seed() + "/" + use.label();
        if (!use.outside() && paid.add(key)) {
          node[0] += use.epochs();
          node[1]++;
        } else {
          node[2]++;
        }
      }
    }
    List<Prefix> prefixes = new ArrayList<>();
    tree.forEach((label, n) -> prefixes.add(new Prefix(label, depths.get(label), n[0], (int) n[1], (int) n[2])));
    List<Confirmed> confirmed = confirmation(s, confirmationExperiment);
    SearchReport partial = new SearchReport(s.searchId(), s.plan().scenarioName(), s.status().name().toLowerCase(), spec.method(),
        spec.candidates().size(), s.plan().primaryMetric().label(), rungSeeds, spec.budgetTaskEpochs(), schedule.spent(), withoutSharing,
        null, rungs, evaluations, prefixes, s.confirmation() == null ? null : s.confirmation().experimentId(), spec.confirmationSeeds(),
        confirmed);
    return partial.withSummary(SearchSummary.sentence(s, partial));
  }

  private SearchReport withSummary(String sentence) {
    return new SearchReport(searchId, scenario, status, method, candidates, metric, rungSeeds, budget, spent, withoutSharing, sentence,
        rungs, evaluations, prefixes, confirmationExperiment, confirmationSeeds, confirmation);
  }

  private static List<Confirmed> confirmation(SearchState s, ExperimentState e) {
    if (s.confirmation() == null || e == null || e.plan() == null) return List.of();
    Report report = ReportBuilder.build(e);
    List<String> winners = s.confirmation().top().stream().map(i -> name(s, i)).toList();
    List<Confirmed> out = new ArrayList<>();
    for (Report.ArmSummary a : report.arms()) {
      String role = a.baseline() ? "baseline" : winners.contains(a.arm()) ? "winner " + (winners.indexOf(a.arm()) + 1) : "reference";
      var c = a.vsBaseline() == null ? null : a.vsBaseline().of(s.plan().primaryMetric());
      out.add(new Confirmed(a.arm(), role, a.finished(), s.plan().primaryMetric() == org.pathlab.scenario.Metric.TEST_LOSS
          ? a.meanLoss() : a.meanAccuracy(), c == null ? null : c.difference(), c == null || c.ci() == null ? null : c.ci().low(),
          c == null || c.ci() == null ? null : c.ci().high(), c == null ? null : c.holmP(), a.verdict(), a.control(), a.controlVerdict()));
    }
    return out;
  }

  static String name(SearchState s, int candidate) {
    return s.candidate(candidate).arm().name();
  }
}
