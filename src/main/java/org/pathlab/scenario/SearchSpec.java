package org.pathlab.scenario;

import java.util.List;
import org.pathlab.wire.PathlabSerializable;

/**
 * A scenario's {@code search} block (docs/search.md): which paths to search ({@code candidates},
 * the expanded {@code space}), how ({@code method}: {@link #HALVING} or {@link #RANDOM}, with
 * {@code eta}, {@code minSeeds} and {@code maxRung}: rung r evaluates a path on the scenario's first
 * minSeeds·etaʳ seeds; random search evaluates every path it draws on the top rung's seeds), how
 * many evaluations may be in flight at once ({@code inFlight}), in which order the candidates are
 * tried ({@code orderSeed}), how much training it may spend ({@code budgetTaskEpochs}, new task-epochs
 * of the search's own), and the confirmation: the {@code top} paths re-run on {@code
 * confirmationSeeds} (none of them a search seed) beside the baseline and the {@code references}
 * (arms of the scenario).
 */
public record SearchSpec(
    List<Candidate> candidates,
    String method,
    int eta,
    int minSeeds,
    int maxRung,
    int inFlight,
    long orderSeed,
    long budgetTaskEpochs,
    List<Long> confirmationSeeds,
    int top,
    List<String> references)
    implements PathlabSerializable {

  public static final String HALVING = "halving";
  public static final String RANDOM = "random";

  /** One path of the space, and the arm-grid entry that names it alone (to write it into an ordinary scenario). */
  public record Candidate(Arm arm, String grid) implements PathlabSerializable {}

  public SearchSpec {
    candidates = List.copyOf(candidates);
    confirmationSeeds = List.copyOf(confirmationSeeds);
    references = List.copyOf(references);
  }

  /** The seeds rung {@code rung} evaluates on: minSeeds·eta^rung. */
  public int seeds(int rung) {
    long n = minSeeds;
    for (int r = 0; r < rung; r++) n *= eta;
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** How many seeds the search itself uses at most (the top rung's). */
  public int searchSeeds() {
    return seeds(maxRung);
  }
}
