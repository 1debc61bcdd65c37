package org.pathlab.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Asynchronous successive halving (ASHA: Li et al., "A System for Massively Parallel
 * Hyperparameter Tuning", MLSys 2020) with seeds as the fidelity. Rung {@code r} evaluates a
 * candidate path on the first {@code minSeeds · ηʳ} seeds of the search, so a promotion adds seeds
 * and never trains again what it has; a candidate's score at a rung is what the caller measured on
 * those seeds (for pathlab: the mean paired difference to the baseline, lower is better).
 *
 * <p>Asynchronous: whenever a trainer is free, {@link #next} promotes a candidate that is in the
 * top 1/η of those that completed its rung so far and has not been promoted yet (the highest such
 * rung first), and otherwise starts the next candidate at rung 0; no trainer waits for a rung to
 * fill. Decisions only — who trains what is the caller's — and a function of the reports and their
 * order: ties go to the lower candidate index, so replaying the same reports gives the same jobs.
 */
public final class SuccessiveHalving implements Decisions {

  /** Evaluate {@code candidate} on the search's first {@code seeds} seeds, for rung {@code rung}. */
  public record Job(int candidate, int rung, int seeds) {}

  private final int candidates;
  private final int eta;
  private final int minSeeds;
  private final int maxRung;
  /** Per rung: the candidates that completed it, with their scores, in the order they were reported. */
  private final List<Map<Integer, Double>> scores = new ArrayList<>();
  /** Per rung: the candidates promoted from it. */
  private final List<Set<Integer>> promoted = new ArrayList<>();
  /** Jobs handed out and not yet reported. */
  private final Set<Job> pending = new HashSet<>();
  private int started;

  /**
   * {@code candidates}: how many paths, started in index order (shuffle them before, if their order
   * carries meaning); {@code eta} ≥ 2; rung 0 uses {@code minSeeds} ≥ 1 seeds, the top rung {@code
   * maxRung} ≥ 0 uses {@code minSeeds · η^maxRung}.
   */
  public SuccessiveHalving(int candidates, int eta, int minSeeds, int maxRung) {
    if (candidates < 1) throw new IllegalArgumentException("a search needs at least one candidate");
    if (eta < 2) throw new IllegalArgumentException("eta must be at least 2, not " + eta);
    if (minSeeds < 1) throw new IllegalArgumentException("the first rung needs at least one seed, not " + minSeeds);
    if (maxRung < 0) throw new IllegalArgumentException("the top rung must be 0 or more, not " + maxRung);
    this.candidates = candidates;
    this.eta = eta;
    this.minSeeds = minSeeds;
    this.maxRung = maxRung;
    for (int r = 0; r <= maxRung; r++) {
      scores.add(new LinkedHashMap<>());
      promoted.add(new HashSet<>());
    }
  }

  /** The seeds rung {@code rung} evaluates on: {@code minSeeds · η^rung}. */
  public int seeds(int rung) {
    return Math.multiplyExact(minSeeds, (int) Math.round(Math.pow(eta, rung)));
  }

  @Override
  public int maxRung() {
    return maxRung;
  }

  /** The next job for a free trainer; empty when every candidate has started and no promotion is due now. */
  @Override
  public Optional<Job> next() {
    for (int r = maxRung - 1; r >= 0; r--) {
      for (int c : top(r, scores.get(r).size() / eta)) {
        if (promoted.get(r).add(c)) return Optional.of(hand(new Job(c, r + 1, seeds(r + 1))));
      }
    }
    if (started < candidates) {
      int c = started++;
      return Optional.of(hand(new Job(c, 0, seeds(0))));
    }
    return Optional.empty();
  }

  private Job hand(Job job) {
    pending.add(job);
    return job;
  }

  /** The score {@code job} measured (lower is better). */
  @Override
  public void report(Job job, double score) {
    if (!Double.isFinite(score)) throw new IllegalArgumentException("a score must be finite, not " + score + " (" + job + ")");
    if (!pending.remove(job)) throw new IllegalArgumentException("no such job in flight: " + job);
    scores.get(job.rung()).put(job.candidate(), score);
  }

  /** Whether every job handed out has been reported and none is left to hand out. */
  @Override
  public boolean finished() {
    if (!pending.isEmpty()) return false;
    if (started < candidates) return false;
    for (int r = maxRung - 1; r >= 0; r--) {
      for (int c : top(r, scores.get(r).size() / eta)) if (!promoted.get(r).contains(c)) return false;
    }
    return true;
  }

  /** The best candidate of the highest rung any candidate completed; empty before the first report. */
  public OptionalInt leader() {
    for (int r = maxRung; r >= 0; r--) {
      List<Integer> best = top(r, 1);
      if (!best.isEmpty()) return OptionalInt.of(best.get(0));
    }
    return OptionalInt.empty();
  }

  /** Rung {@code rung}'s completed candidates with their scores, best first. */
  @Override
  public List<Map.Entry<Integer, Double>> ranking(int rung) {
    return scores.get(rung).entrySet().stream().sorted(BEST_FIRST).toList();
  }

  private List<Integer> top(int rung, int k) {
    return scores.get(rung).entrySet().stream().sorted(BEST_FIRST).limit(k).map(Map.Entry::getKey).toList();
  }

  private static final Comparator<Map.Entry<Integer, Double>> BEST_FIRST =
      Map.Entry.<Integer, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey());
}
