package org.pathlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Asynchronous successive halving with seeds as the fidelity: promotions, the leader, replay. */
class SuccessiveHalvingTest {

  /** Candidate c's score: a fixed number per candidate, candidate 7 the best. */
  private static double score(int c) {
    return c == 7 ? -0.05 : 0.01 * ((c * 5) % 9);
  }

  /** One trainer: every job's score reported at once; the jobs in the order they were handed out. */
  private static List<SuccessiveHalving.Job> runAll(SuccessiveHalving sh) {
    List<SuccessiveHalving.Job> jobs = new ArrayList<>();
    for (Optional<SuccessiveHalving.Job> next = sh.next(); next.isPresent(); next = sh.next()) {
      jobs.add(next.get());
      sh.report(next.get(), score(next.get().candidate()));
    }
    return jobs;
  }

  @Test
  void theBestCandidateClimbsToTheTopRungOnMoreSeedsAndLeads() {
    SuccessiveHalving sh = new SuccessiveHalving(9, 3, 1, 2);
    assertEquals(List.of(1, 3, 9), List.of(sh.seeds(0), sh.seeds(1), sh.seeds(2)), "rung r: minSeeds · η^r seeds");
    List<SuccessiveHalving.Job> jobs = runAll(sh);
    assertTrue(sh.finished());
    assertEquals(9, jobs.stream().filter(j -> j.rung() == 0).count(), "every candidate starts");
    assertTrue(jobs.contains(new SuccessiveHalving.Job(7, 2, 9)), "the best reaches the top rung: " + jobs);
    assertEquals(7, sh.leader().getAsInt());
    long top = jobs.stream().filter(j -> j.rung() == 2).count();
    assertTrue(top >= 1 && top < 9, "the top rung sees few candidates: " + top);
    for (SuccessiveHalving.Job j : jobs) assertEquals(sh.seeds(j.rung()), j.seeds());
  }

  @Test
  void noTrainerWaitsForARungToFill() {
    SuccessiveHalving sh = new SuccessiveHalving(9, 3, 1, 2);
    List<SuccessiveHalving.Job> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) first.add(sh.next().orElseThrow());
    first.forEach(j -> sh.report(j, score(j.candidate())));
    // three of rung 0 are in: the best of them goes up at once, before the other six have started
    SuccessiveHalving.Job promoted = sh.next().orElseThrow();
    assertEquals(1, promoted.rung());
    assertEquals(first.stream().mapToInt(SuccessiveHalving.Job::candidate).boxed()
        .min((a, b) -> Double.compare(score(a), score(b))).orElseThrow(), promoted.candidate());
    assertFalse(sh.finished());
  }

  @Test
  void theSameReportsInTheSameOrderGiveTheSameDecisions() {
    assertEquals(runAll(new SuccessiveHalving(27, 3, 2, 3)), runAll(new SuccessiveHalving(27, 3, 2, 3)));
  }

  @Test
  void itRefusesWhatItCannotSearch() {
    assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(5, 1, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving(0, 3, 1, 2));
    SuccessiveHalving sh = new SuccessiveHalving(3, 3, 1, 1);
    SuccessiveHalving.Job job = sh.next().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> sh.report(new SuccessiveHalving.Job(2, 1, 3), 0.1), "a job never handed out");
    assertThrows(IllegalArgumentException.class, () -> sh.report(job, Double.NaN));
    sh.report(job, 0.1);
    assertThrows(IllegalArgumentException.class, () -> sh.report(job, 0.1), "reported twice");
  }
}
