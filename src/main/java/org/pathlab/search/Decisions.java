package org.pathlab.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A search method's decisions: which path to evaluate on how many seeds next, given the scores so far (lower is better). */
interface Decisions {

  Optional<SuccessiveHalving.Job> next();

  void report(SuccessiveHalving.Job job, double score);

  /** Whether every job handed out was reported and none is left to hand out. */
  boolean finished();

  int maxRung();

  /** Rung {@code rung}'s completed candidates with their scores, best first. */
  List<Map.Entry<Integer, Double>> ranking(int rung);
}
