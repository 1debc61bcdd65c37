package org.pathlab.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pathlab.path.LearningPath;
import org.pathlab.path.Step;

/**
 * What a search may cost, in task-epochs at every task's max-epochs, with a prefix (the same steps
 * from the start, on the same seed) counted once however many paths share it: the search itself
 * in the worst case (every rung as full as successive halving lets it be — rung r holds at most
 * ⌊n/etaʳ⌋ paths — filled with the dearest paths; random search: every path on the top rung's
 * seeds), the confirmation (the dearest {@code top} paths, the references and the baseline on the
 * confirmation seeds), and what is planned: the budget (or the search's worst case, if smaller)
 * plus the confirmation.
 */
public record SearchCost(List<Rung> rungs, long searchWorstCase, long confirmationWorstCase, long budget) {

  /** Rung {@code index}: at most {@code paths} paths, each on {@code seeds} seeds. */
  public record Rung(int index, int paths, int seeds) {}

  public long worstCase() {
    return searchWorstCase + confirmationWorstCase;
  }

  public long planned() {
    return Math.min(budget, searchWorstCase) + confirmationWorstCase;
  }

  public static SearchCost of(SearchSpec spec, List<Arm> arms, List<Long> seeds) {
    int n = spec.candidates().size();
    List<Arm> dearestFirst = spec.candidates().stream().map(SearchSpec.Candidate::arm)
        .sorted(Comparator.comparingLong((Arm a) -> epochs(a.path(), a.path().size())).reversed()).toList();
    List<Rung> rungs = new ArrayList<>();
    Map<List<Object>, Integer> search = new HashMap<>();
    int lastSeeds = 0;
    if (spec.method().equals(SearchSpec.RANDOM)) {
      rungs.add(new Rung(spec.maxRung(), n, spec.searchSeeds()));
    } else {
      for (int r = 0; r <= spec.maxRung(); r++) {
        long paths = n;
        for (int k = 0; k < r; k++) paths /= spec.eta();
        if (paths == 0) break;
        rungs.add(new Rung(r, (int) paths, spec.seeds(r)));
      }
    }
    for (Rung rung : rungs) {
      List<Long> on = seeds.subList(0, Math.min(seeds.size(), rung.seeds()));
      for (Arm arm : dearestFirst.subList(0, rung.paths())) add(search, arm.path(), on);
      lastSeeds = Math.max(lastSeeds, on.size());
    }
    Arm baseline = arms.stream().filter(Arm::baseline).findFirst().orElse(null);
    if (baseline != null) add(search, baseline.path(), seeds.subList(0, Math.min(seeds.size(), lastSeeds)));
    Map<List<Object>, Integer> confirmation = new HashMap<>();
    for (Arm arm : dearestFirst.subList(0, Math.min(spec.top(), n))) add(confirmation, arm.path(), spec.confirmationSeeds());
    for (Arm arm : arms) {
      if (arm.baseline() || spec.references().contains(arm.name())) add(confirmation, arm.path(), spec.confirmationSeeds());
    }
    return new SearchCost(rungs, sum(search), sum(confirmation), spec.budgetTaskEpochs());
  }

  private static void add(Map<List<Object>, Integer> prefixes, LearningPath path, List<Long> seeds) {
    for (long seed : seeds) {
      for (int i = 0; i < path.size(); i++) {
        List<Step> steps = path.steps().subList(0, i + 1);
        prefixes.put(List.of(List.copyOf(steps), seed), path.step(i).process().maxEpochs());
      }
    }
  }

  private static long epochs(LearningPath path, int tasks) {
    long sum = 0;
    for (int i = 0; i < tasks; i++) sum += path.step(i).process().maxEpochs();
    return sum;
  }

  private static long sum(Map<List<Object>, Integer> prefixes) {
    return prefixes.values().stream().mapToLong(Integer::longValue).sum();
  }
}
