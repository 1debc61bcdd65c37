package org.pathlab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.pathlab.scenario.Scenario;
import org.pathlab.scenario.SearchCost;
import org.pathlab.scenario.SearchSpec;

/** What {@code validate} says of a search: its space, its rungs, what it plans to spend and may spend at most, and its confirmation. */
final class SearchValidation {

  private SearchValidation() {}

  static void print(Scenario scenario, PrintWriter out) {
    SearchSpec spec = scenario.search();
    SearchCost cost = SearchCost.of(spec, scenario.arms(), scenario.seeds());
    out.printf(Locale.ROOT, "%nsearch: %s over %d paths (the arms above are the baseline and the references; the paths are "
        + "search.space's), %d evaluations in flight at once, candidates in the order of order-seed %d%n",
        spec.method().equals(SearchSpec.RANDOM) ? "random search" : "successive halving (eta " + spec.eta() + ")",
        spec.candidates().size(), spec.inFlight(), spec.orderSeed());
    for (SearchCost.Rung r : cost.rungs()) {
      out.printf(Locale.ROOT, "  rung %d: at most %d paths, each on the first %d seeds %s%n", r.index(), r.paths(), r.seeds(),
          scenario.seeds().subList(0, Math.min(scenario.seeds().size(), r.seeds())));
    }
    out.printf(Locale.ROOT, "  score: the mean paired difference to the baseline in %s on a rung's seeds (lower is better)%n",
        org.pathlab.scenario.Metric.orDefault(scenario.metric()).label());
    out.printf(Locale.ROOT, "confirmation: the %d best path%s, the baseline and %s on seeds %s, which the search never sees%n",
        spec.top(), spec.top() == 1 ? "" : "s", spec.references().isEmpty() ? "no reference" : "the references " + spec.references(),
        spec.confirmationSeeds());
    out.printf(Locale.ROOT, "cost (task-epochs, every task at its max-epochs, a prefix shared by several paths counted once per seed):%n"
        + "  budget %,d; the search's worst case %,d; the confirmation's worst case %,d%n"
        + "  planned %,d (the budget or the search's worst case, whichever is smaller, plus the confirmation; evaluations in flight "
        + "when the budget runs out finish); at most %,d%n",
        cost.budget(), cost.searchWorstCase(), cost.confirmationWorstCase(), cost.planned(), cost.worstCase());
  }
}
