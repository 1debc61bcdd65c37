package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pathlab.path.LearningProcess;

/**
 * Reads a scenario's {@code search} block (docs/search.md, "Writing a search") into a {@link
 * SearchSpec}: the space (arm-grid entries), the method, the budget and the confirmation, each
 * checked against the scenario's seeds, arms and limits, every problem named by line and key.
 */
final class SearchBlock {

  static final Set<String> KEYS = Set.of("space", "method", "budget", "confirmation");
  private static final Set<String> METHOD_KEYS = Set.of("name", "eta", "min-seeds", "max-rung", "in-flight", "order-seed");
  private static final Set<String> BUDGET_KEYS = Set.of("task-epochs");
  private static final Set<String> CONFIRMATION_KEYS = Set.of("seeds", "top", "references");
  /** Confirmations compare at most this many winners (each a comparison Holm's correction pays for). */
  static final int MAX_TOP = 10;

  private final ConfigReader r;
  private final ScenarioLimits limits;

  SearchBlock(ConfigReader reader, ScenarioLimits limits) {
    this.r = reader;
    this.limits = limits;
  }

  /** The search, or null when the block has problems (recorded). */
  SearchSpec read(Config root, ArmList armList, LearningProcess defaults, List<Arm> arms, List<Long> seeds) {
    Config s = r.object(root, "search", "search");
    if (s == null) return null;
    r.unknownKeys(s.root(), KEYS, "search.");
    if (root.hasPath("baseline-seeds")) {
      r.problem(root.getValue("baseline-seeds"), "baseline-seeds", "is set; a search pairs every path with the baseline seed by seed, "
          + "so the baseline runs on the search's seeds: remove baseline-seeds");
    }
    if (root.hasPath("arm-grid")) {
      r.problem(root.getValue("arm-grid"), "arm-grid", "is set; in a search the paths to try go in search.space and the references "
          + "(compared at the confirmation) in arms");
    }
    if (!s.hasPath("space")) {
      r.problem(s.origin().lineNumber(), "search.space", "missing; list the paths to search as arm-grid entries, e.g. space = "
          + "[{ name = \"blur {steps}\", path = discretize, transform = blur, vary { steps = [1, 2, 4] } }]");
      return null;
    }
    List<ConfigValue> entries = r.list(s, "space", "search.space", "[{ name = \"N = {steps}\", path = discretize, vary { steps = [2, 4] } }]");
    if (entries == null) return null;
    List<SearchSpec.Candidate> candidates = armList.space(entries, "search.space", defaults, arms);
    if (r.ok() && candidates.size() < 2) {
      r.problem(s.getValue("space"), "search.space", "holds " + candidates.size() + " path; a search needs at least 2 to choose from");
    }
    if (candidates.size() > limits.maxArms()) {
      r.problem(s.getValue("space"), "search.space", "holds more than " + limits.maxArms()
          + " paths; at most that many are accepted (pathlab.scenario-limits.max-arms)");
      return null;
    }
    for (SearchSpec.Candidate c : candidates) {
      if (c.arm().path().size() > limits.maxTasksPerPath()) {
        r.problem(s.getValue("space"), "search.space", "path '" + c.arm().name() + "' has " + c.arm().path().size()
            + " tasks; at most " + limits.maxTasksPerPath() + " per path are accepted (pathlab.scenario-limits.max-tasks-per-path)");
      }
    }
    Config m = s.hasPath("method") ? r.object(s, "method", "search.method") : com.typesafe.config.ConfigFactory.empty();
    if (m == null) return null;
    r.unknownKeys(m.root(), METHOD_KEYS, "search.method.");
    String method = r.choice(m, "name", "search.method.name", SearchSpec.HALVING, List.of(SearchSpec.HALVING, SearchSpec.RANDOM));
    int eta = r.integer(m, "eta", "search.method.eta", 2, 2, 10, "use an integer from 2 to 10 (each rung keeps 1/eta of its paths)");
    int minSeeds = r.integer(m, "min-seeds", "search.method.min-seeds", 1, 1, limits.maxSeeds(), "use an integer ≥ 1");
    int maxRung = r.integer(m, "max-rung", "search.method.max-rung", 2, 0, 8, "use an integer from 0 to 8");
    int inFlight = r.integer(m, "in-flight", "search.method.in-flight", 4, 1, 64,
        "use an integer from 1 to 64 (how many evaluations train at once)");
    long orderSeed = m.hasPath("order-seed") ? orZero(r.wholeNumber(m.getValue("order-seed"), "search.method.order-seed")) : 1;
    long budget = budget(s);
    List<Long> confirmationSeeds = new ArrayList<>();
    int top = 1;
    List<String> references = new ArrayList<>();
    for (Arm a : arms) if (!a.baseline()) references.add(a.name());
    if (!s.hasPath("confirmation")) {
      r.problem(s.origin().lineNumber(), "search.confirmation", "missing; say on which fresh seeds the winner is confirmed, e.g. "
          + "confirmation { seeds = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110], top = 3 }");
    } else {
      Config c = r.object(s, "confirmation", "search.confirmation");
      if (c == null) return null;
      r.unknownKeys(c.root(), CONFIRMATION_KEYS, "search.confirmation.");
      confirmationSeeds = seeds(c, seeds);
      top = r.integer(c, "top", "search.confirmation.top", 1, 1, MAX_TOP, "use an integer from 1 to " + MAX_TOP);
      if (r.ok() && top > candidates.size()) {
        r.problem(c.getValue("top"), "search.confirmation.top", "is " + top + "; the space holds only " + candidates.size() + " paths");
      }
      if (c.hasPath("references")) references = references(c, arms);
    }
    int needed = new SearchSpec(List.of(), method, eta, minSeeds, maxRung, 1, 0, 1, List.of(), 1, List.of()).searchSeeds();
    if (r.ok() && seeds.size() < needed) {
      r.problem(ConfigReader.line(root, "seeds"), "seeds", "lists " + seeds.size() + " seeds; the search's top rung evaluates a path on "
          + needed + " (min-seeds " + minSeeds + " × eta " + eta + "^max-rung " + maxRung + "): list at least " + needed);
    }
    if (!r.ok()) return null;
    SearchSpec spec = new SearchSpec(candidates, method, eta, minSeeds, maxRung, inFlight, orderSeed, budget, confirmationSeeds, top,
        references);
    SearchCost cost = SearchCost.of(spec, arms, seeds);
    if (cost.worstCase() > limits.maxTaskEpochs()) {
      r.problem(s.getValue("space"), "search", "may train up to " + cost.worstCase() + " task-epochs (worst case, every task at its "
          + "max-epochs, shared prefixes counted once); at most " + limits.maxTaskEpochs()
          + " are accepted (pathlab.scenario-limits.max-task-epochs): a smaller space, fewer rungs or lower max-epochs");
      return null;
    }
    return spec;
  }

  private long budget(Config s) {
    if (!s.hasPath("budget")) {
      r.problem(s.origin().lineNumber(), "search.budget", "missing; say how much training the search may spend, e.g. budget { task-epochs = 5000 }");
      return 1;
    }
    Config b = r.object(s, "budget", "search.budget");
    if (b == null) return 1;
    if (b.hasPath("hours")) {
      r.problem(b.getValue("hours"), "search.budget.hours", "is not accepted: a budget in hours would make the search's decisions "
          + "depend on how fast the machine is and what else it runs; give task-epochs (measure a few on this daemon first: docs/search.md)");
      return 1;
    }
    r.unknownKeys(b.root(), BUDGET_KEYS, "search.budget.");
    if (!b.hasPath("task-epochs")) {
      r.problem(b.origin().lineNumber(), "search.budget.task-epochs", "missing; a budget is counted in task-epochs (one epoch of one "
          + "task; a prefix the search shares or finds already trained costs nothing), e.g. task-epochs = 5000");
      return 1;
    }
    Long v = r.wholeNumber(b.getValue("task-epochs"), "search.budget.task-epochs");
    if (v != null && v < 1) r.problem(b.getValue("task-epochs"), "search.budget.task-epochs", "is " + v + "; use an integer ≥ 1");
    return v == null || v < 1 ? 1 : v;
  }

  private List<Long> seeds(Config c, List<Long> searchSeeds) {
    List<Long> out = new ArrayList<>();
    if (!c.hasPath("seeds")) {
      r.problem(c.origin().lineNumber(), "search.confirmation.seeds", "missing; list seeds the search never sees, e.g. [101, 102, 103]");
      return out;
    }
    List<ConfigValue> values = r.list(c, "seeds", "search.confirmation.seeds", "[101, 102, 103]");
    if (values == null) return out;
    if (values.size() < 2 || values.size() > limits.maxSeeds()) {
      r.problem(c.getValue("seeds"), "search.confirmation.seeds", "lists " + values.size() + " seeds; use 2 to " + limits.maxSeeds());
    }
    for (ConfigValue v : values) {
      Long seed = r.wholeNumber(v, "search.confirmation.seeds");
      if (seed == null) continue;
      if (seed < 0 || out.contains(seed)) {
        r.problem(v, "search.confirmation.seeds", "has seed " + seed + " (negative or twice); list each seed ≥ 0 once");
      } else if (searchSeeds.contains(seed)) {
        r.problem(v, "search.confirmation.seeds", "has seed " + seed + ", which the search itself uses (seeds); a winner is "
            + "confirmed on seeds it was not chosen on");
      } else {
        out.add(seed);
      }
    }
    return out;
  }

  private List<String> references(Config c, List<Arm> arms) {
    List<String> out = new ArrayList<>();
    List<ConfigValue> values = r.list(c, "references", "search.confirmation.references", "[\"blur → sharp\"]");
    if (values == null) return out;
    for (ConfigValue v : values) {
      Object name = v.unwrapped();
      Arm arm = arms.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
      if (arm == null || arm.baseline()) {
        r.problem(v, "search.confirmation.references", "names " + v.render() + ", which is not a non-baseline arm of the scenario's arms "
            + arms.stream().filter(a -> !a.baseline()).map(Arm::name).toList() + " (the baseline is always compared)");
      } else if (!out.contains(arm.name())) {
        out.add(arm.name());
      }
    }
    return out;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
