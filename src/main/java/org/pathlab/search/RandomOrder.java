package org.pathlab.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Random search, the baseline any search method is measured against: every candidate, in the
 * (already shuffled) index order, evaluated on the top rung's seeds; nothing is stopped early.
 */
final class RandomOrder implements Decisions {

  private final int candidates;
  private final int rung;
  private final int seeds;
  private final Map<Integer, Double> scores = new LinkedHashMap<>();
  private int started;

  RandomOrder(int candidates, int rung, int seeds) {
    this.candidates = candidates;
    this.rung = rung;
    this.seeds = seeds;
  }

  @Override
  public Optional<SuccessiveHalving.Job> next() {
    return started < candidates ? Optional.of(new SuccessiveHalving.Job(started++, rung, seeds)) : Optional.empty();
  }

  @Override
  public void report(SuccessiveHalving.Job job, double score) {
    scores.put(job.candidate(), score);
  }

  @Override
  public boolean finished() {
    return started == candidates && scores.size() == candidates;
  }

  @Override
  public int maxRung() {
    return rung;
  }

  @Override
  public List<Map.Entry<Integer, Double>> ranking(int r) {
    if (r != rung) return List.of();
    return scores.entrySet().stream()
        .sorted(Map.Entry.<Integer, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey())).toList();
  }
}
