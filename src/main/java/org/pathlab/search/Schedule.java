package org.pathlab.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.pathlab.scenario.SearchSpec;

/**
 * A search's decisions as a function of its evaluations' results, whatever order they ended in.
 * Evaluations are handed out {@code in-flight} at a time, and results are applied in the order the
 * evaluations were handed out: evaluation k + in-flight is handed out when evaluation k's result
 * has been applied (and the method has one to give). So trainers stay busy while a rung fills, and
 * the decisions — which paths, which rungs, when the budget is spent — are the same in a search
 * resumed after a crash as in one that ran through, and the same for the same results.
 *
 * <p>The cost of evaluation k is the task-epochs of the prefixes it completed that no earlier
 * evaluation completed and that were not reused from outside the search (those were paid for
 * already): each prefix is paid once, by the first evaluation (in hand-out order) that needs it.
 *
 * <p>A search in a journal is resumed by replaying its results through these rules: a change to
 * them (the order candidates are tried in, when evaluations are handed out, what a cost counts)
 * changes what a resumed search decides, so it needs a version in {@link SearchSpec} that keeps
 * the old rules for the searches recorded under them.
 */
public final class Schedule {

  /** Evaluation {@code index}: {@code candidate} (its index in the space) on the first {@code seeds} seeds, for rung {@code rung}. */
  public record Job(int index, int candidate, int rung, int seeds) {}

  private final SearchSpec spec;
  private final List<Job> jobs = new ArrayList<>();
  private final List<SuccessiveHalving.Job> decided = new ArrayList<>();
  private final List<Long> costs = new ArrayList<>();
  private final Decisions decisions;
  private final int[] order;
  private int applied;
  private long spent;

  private Schedule(SearchSpec spec) {
    this.spec = spec;
    int n = spec.candidates().size();
    List<Integer> shuffled = new ArrayList<>();
    for (int i = 0; i < n; i++) shuffled.add(i);
    Collections.shuffle(shuffled, new Random(spec.orderSeed()));
    this.order = shuffled.stream().mapToInt(Integer::intValue).toArray();
    this.decisions = spec.method().equals(SearchSpec.RANDOM)
        ? new RandomOrder(n, spec.maxRung(), spec.searchSeeds())
        : new SuccessiveHalving(n, spec.eta(), spec.minSeeds(), spec.maxRung());
  }

  /** The decisions given {@code results}: per evaluation handed out so far, its result, or null while it runs. */
  public static Schedule replay(SearchSpec spec, List<JobResult> results) {
    Schedule s = new Schedule(spec);
    s.fill();
    Set<String> paid = new HashSet<>();
    while (s.applied < s.jobs.size() && s.applied < results.size() && results.get(s.applied) != null) {
      JobResult result = results.get(s.applied);
      long cost = 0;
      for (JobResult.PrefixUse use : result.uses()) {
        // a task with no key (reuse off) is its own prefix
        String key = use.key() != null ? use.key() : s.applied + "/" + use.seed() + "/" + use.label();
        if (!use.outside() && paid.add(key)) cost += use.epochs();
      }
      s.decisions.report(s.decided.get(s.applied), result.score());
      s.costs.add(cost);
      s.spent += cost;
      s.applied++;
      s.fill();
    }
    return s;
  }

  private void fill() {
    while (jobs.size() - applied < spec.inFlight() && spent < spec.budgetTaskEpochs()) {
      Optional<SuccessiveHalving.Job> next = decisions.next();
      if (next.isEmpty()) return;
      SuccessiveHalving.Job d = next.get();
      decided.add(d);
      jobs.add(new Job(jobs.size(), order[d.candidate()], d.rung(), d.seeds()));
    }
  }

  /** Every evaluation handed out so far (those started and those due to start), in order. */
  public List<Job> jobs() {
    return List.copyOf(jobs);
  }

  /** How many results have been applied (a prefix of {@link #jobs}). */
  public int applied() {
    return applied;
  }

  /** The cost of each applied evaluation, in task-epochs new to the search. */
  public List<Long> costs() {
    return List.copyOf(costs);
  }

  /** Task-epochs the applied evaluations cost the search. */
  public long spent() {
    return spent;
  }

  public boolean budgetSpent() {
    return spent >= spec.budgetTaskEpochs();
  }

  /** Whether the search phase is over: every evaluation applied and none left to hand out (the method is done or the budget spent). */
  public boolean searchEnded() {
    return applied == jobs.size();
  }

  /** Rung {@code rung}'s leaderboard: candidates (space indices) with their scores, best first. */
  public List<Map.Entry<Integer, Double>> ranking(int rung) {
    if (rung > decisions.maxRung()) return List.of();
    return decisions.ranking(rung).stream().map(e -> Map.entry(order[e.getKey()], e.getValue())).toList();
  }

  /** The {@code k} best candidates: those of the highest rung first, by score, then the next rung's, and so on. */
  public List<Integer> top(int k) {
    List<Integer> top = new ArrayList<>();
    for (int r = decisions.maxRung(); r >= 0 && top.size() < k; r--) {
      for (var e : ranking(r)) {
        if (top.size() < k && !top.contains(e.getKey()) && e.getValue() < JobResult.FAILED) top.add(e.getKey());
      }
    }
    return top;
  }
}
