package org.pathlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.scenario.SearchBlockTest;
import org.pathlab.scenario.SearchSpec;

/**
 * The search's decisions as a function of its results: the same whatever order evaluations end in
 * (so a resumed search decides as one that ran through), the budget, each prefix paid once.
 */
class ScheduleTest {

  private static SearchSpec spec(String method, long budget, int inFlight) {
    SearchSpec s = ScenarioParser.parse(SearchBlockTest.SEARCH, "s.conf").search();
    return new SearchSpec(s.candidates(), method, s.eta(), s.minSeeds(), s.maxRung(), inFlight, s.orderSeed(), budget,
        s.confirmationSeeds(), s.top(), s.references());
  }

  /** What an evaluation measures here: a fixed score per candidate (candidate 4 the best); prefixes: a first task per candidate pair, its own target, each seed. */
  private static JobResult measure(Schedule.Job job) {
    List<Double> differences = new ArrayList<>();
    List<JobResult.PrefixUse> uses = new ArrayList<>();
    for (long seed = 1; seed <= job.seeds(); seed++) {
      differences.add(job.candidate() == 4 ? -0.05 : 0.01 * ((job.candidate() * 5) % 7) + 0.001 * seed);
      uses.add(new JobResult.PrefixUse("first-" + job.candidate() / 2 + "-" + seed, "first", 0, seed, 10, false));
      uses.add(new JobResult.PrefixUse("target-" + job.candidate() + "-" + seed, "target", 1, seed, 5, false));
      uses.add(new JobResult.PrefixUse("baseline-" + seed, "baseline", 0, seed, 7, seed == 1));
    }
    return new JobResult(List.of(), differences, null, uses);
  }

  /** Runs a search to its end, completing the evaluations in flight in an order drawn from {@code random}; its jobs, in order. */
  private static Schedule run(SearchSpec spec, Random random) {
    List<JobResult> results = new ArrayList<>();
    for (int step = 0; step < 1000; step++) {
      Schedule s = Schedule.replay(spec, results);
      while (results.size() < s.jobs().size()) results.add(null);
      List<Integer> running = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) if (results.get(i) == null) running.add(i);
      if (running.isEmpty()) return s;
      Collections.shuffle(running, random);
      int done = running.get(0); // any evaluation in flight may end first
      results.set(done, measure(s.jobs().get(done)));
    }
    throw new AssertionError("the search did not end");
  }

  @Test
  void theDecisionsDoNotDependOnWhichEvaluationEndsFirst() {
    SearchSpec spec = spec(SearchSpec.HALVING, 10_000, 3);
    Schedule first = run(spec, new Random(1));
    assertTrue(first.searchEnded());
    for (int seed = 2; seed <= 20; seed++) {
      Schedule other = run(spec, new Random(seed));
      assertEquals(first.jobs(), other.jobs(), "completion order " + seed);
      assertEquals(first.costs(), other.costs());
      assertEquals(first.top(2), other.top(2));
    }
    assertEquals(4, first.top(1).get(0), "the best path wins");
    assertTrue(first.jobs().contains(new Schedule.Job(first.jobs().stream().filter(j -> j.rung() == 2).findFirst().get().index(), 4, 2, 4)));
  }

  @Test
  void eachPrefixIsPaidOnceByTheFirstEvaluationThatNeedsItAndNothingFromOutside() {
    Schedule s = run(spec(SearchSpec.HALVING, 10_000, 2), new Random(3));
    java.util.Set<String> keys = new java.util.HashSet<>();
    long expected = 0;
    for (Schedule.Job job : s.jobs()) {
      for (JobResult.PrefixUse use : measure(job).uses()) if (!use.outside() && keys.add(use.key())) expected += use.epochs();
    }
    assertEquals(expected, s.spent());
    assertEquals(expected, s.costs().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void noEvaluationStartsOnceTheBudgetIsSpentAndTheOnesInFlightFinish() {
    Schedule s = run(spec(SearchSpec.HALVING, 60, 2), new Random(4));
    assertTrue(s.budgetSpent());
    // evaluation i (beyond the first in-flight ones) was handed out once evaluation i − 2 was applied, and only under budget
    for (int i = 2; i < s.jobs().size(); i++) {
      long spentThen = s.costs().subList(0, i - 1).stream().mapToLong(Long::longValue).sum();
      assertTrue(spentThen < 60, "evaluation " + i + " started with " + spentThen + " of 60 spent");
    }
    assertTrue(s.jobs().size() < run(spec(SearchSpec.HALVING, 10_000, 2), new Random(4)).jobs().size());
  }

  @Test
  void randomSearchEvaluatesEveryPathItDrawsOnTheTopRungsSeeds() {
    Schedule s = run(spec(SearchSpec.RANDOM, 10_000, 2), new Random(5));
    assertEquals(6, s.jobs().size());
    assertTrue(s.jobs().stream().allMatch(j -> j.rung() == 2 && j.seeds() == 4));
    assertEquals(6, s.jobs().stream().map(Schedule.Job::candidate).distinct().count());
    assertEquals(4, s.top(1).get(0));
    assertEquals(List.of(), s.ranking(0));
  }

  @Test
  void aFailedEvaluationRanksLastAndIsNeverAWinner() {
    SearchSpec spec = spec(SearchSpec.RANDOM, 10_000, 6);
    Schedule s = Schedule.replay(spec, List.of());
    List<JobResult> results = new ArrayList<>();
    for (Schedule.Job job : s.jobs()) {
      results.add(job.candidate() == 4 ? new JobResult(List.of(), List.of(), "run a1-s1 diverged", List.of()) : measure(job));
    }
    Schedule done = Schedule.replay(spec, results);
    assertTrue(done.searchEnded());
    assertFalse(done.top(6).contains(4), "a failure is not selected: " + done.top(6));
    assertEquals(4, (int) done.ranking(2).get(5).getKey());
  }
}
