package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlab.path.LearningPath;

/** The search block: its space, method, budget and confirmation, what it refuses, and the scenarios written from it. */
public class SearchBlockTest {

  public static final String SEARCH = """
      name = tiny-search
      dataset { name = fashion-mnist, train-size = 500, validation-size = 100, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 2 }
      arms = [
        { name = baseline, path = baseline }
        { name = "shift → sharp", path = jump, transform = shift }
      ]
      search {
        space = [
          {
            name = "{tasks} · lr {per-task.learning-rate}"
            path = explicit
            vary {
              tasks = [[{ blur = 1 }, {}], [{ shift = 1 }, {}], [{ shift = 0.5 }, {}]]
              per-task.learning-rate = [[0.01, 0.005], [0.01, 0.02]]
            }
          }
        ]
        method { name = halving, eta = 2, min-seeds = 1, max-rung = 2, in-flight = 2 }
        budget { task-epochs = 200 }
        confirmation { seeds = [101, 102, 103], top = 2 }
      }
      seeds = [1, 2, 3, 4]
      """;

  private static List<String> problems(String text) {
    return assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "s.conf")).problems();
  }

  private static void assertProblem(String text, String key, String words) {
    List<String> problems = problems(text);
    assertTrue(problems.stream().anyMatch(p -> p.contains(key) && p.contains(words)), key + " / " + words + ": " + problems);
  }

  @Test
  void aSearchReadsItsSpaceMethodBudgetAndConfirmation() {
    Scenario s = ScenarioParser.parse(SEARCH, "s.conf");
    SearchSpec spec = s.search();
    assertEquals(6, spec.candidates().size());
    assertEquals("blur 1 → sharp · lr 0.01/0.005", spec.candidates().get(0).arm().name());
    assertEquals(List.of(1, 2, 4), List.of(spec.seeds(0), spec.seeds(1), spec.seeds(2)));
    assertEquals(200, spec.budgetTaskEpochs());
    assertEquals(List.of(101L, 102L, 103L), spec.confirmationSeeds());
    assertEquals(List.of("shift → sharp"), spec.references(), "every non-baseline arm is a reference unless named");
    assertNull(ScenarioParser.parse(SEARCH.replaceAll("(?s)search \\{.*?\n}\n", ""), "e.conf").search(), "no block, no search");
  }

  @Test
  void theSearchCostsCountASharedPrefixOncePerSeed() {
    Scenario s = ScenarioParser.parse(SEARCH, "s.conf");
    SearchCost cost = SearchCost.of(s.search(), s.arms(), s.seeds());
    assertEquals(List.of(new SearchCost.Rung(0, 6, 1), new SearchCost.Rung(1, 3, 2), new SearchCost.Rung(2, 1, 4)), cost.rungs());
    // rung 0, seed 1: 3 first tasks + 6 targets = 9 tasks; rung 1 (seeds 1-2, three paths): seed 2 adds at most 3 + 3;
    // rung 2 (one path, seeds 1-4): seeds 3-4 add 2 each; the baseline on 4 seeds: 4 tasks. Each at 2 epochs.
    assertEquals(2 * (9 + 6 + 4 + 4), cost.searchWorstCase());
    // the 2 dearest paths (2 tasks each, sharing no first task at worst), shift → sharp and the baseline on 3 seeds
    assertTrue(cost.confirmationWorstCase() <= 2 * 3 * (4 + 2 + 1) && cost.confirmationWorstCase() >= 2 * 3 * (3 + 2 + 1),
        "confirmation " + cost.confirmationWorstCase());
    assertEquals(200 < cost.searchWorstCase() ? 200 : cost.searchWorstCase() + cost.confirmationWorstCase(), cost.planned());
  }

  @Test
  void confirmationSeedsMustBeFreshAndEnoughSeedsMustServeTheTopRung() {
    assertProblem(SEARCH.replace("seeds = [101, 102, 103]", "seeds = [101, 2, 103]"), "search.confirmation.seeds", "the search itself uses");
    assertProblem(SEARCH.replace("seeds = [1, 2, 3, 4]", "seeds = [1, 2, 3]"), "seeds", "list at least 4");
    assertProblem(SEARCH.replace("confirmation { seeds = [101, 102, 103], top = 2 }", ""), "search.confirmation", "missing");
    assertProblem(SEARCH.replace("top = 2", "top = 7"), "search.confirmation.top", "only 6 paths");
  }

  @Test
  void badMethodsBudgetsAndReferencesAreNamedByKey() {
    assertProblem(SEARCH.replace("name = halving", "name = bayes"), "search.method.name", "use one of [halving, random]");
    assertProblem(SEARCH.replace("eta = 2", "eta = 1"), "search.method.eta", "from 2 to 10");
    assertProblem(SEARCH.replace("budget { task-epochs = 200 }", "budget { hours = 2 }"), "search.budget", "hours");
    assertProblem(SEARCH.replace("budget { task-epochs = 200 }", ""), "search.budget", "missing");
    assertProblem(SEARCH.replace("top = 2 }", "top = 2, references = [nope] }"), "search.confirmation.references", "not a non-baseline arm");
    assertProblem(SEARCH.replace("seeds = [1, 2, 3, 4]", "seeds = [1, 2, 3, 4]\nbaseline-seeds = [1, 2]"), "baseline-seeds", "pairs");
    assertProblem(SEARCH.replace("search {", "serch {").replace("seeds = [1, 2, 3, 4]\n", "seeds = [1, 2, 3, 4]\n"), "serch", "");
  }

  @Test
  void aSpaceBeyondTheLimitsIsRefusedBeforeItIsExpanded() {
    ScenarioLimits tight = new ScenarioLimits(1 << 20, 32, 5, 1000, 2000, 10_000, 100_000L, 5_000_000L);
    List<String> problems = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(SEARCH, "s.conf", tight)).problems();
    assertTrue(problems.stream().anyMatch(p -> p.contains("search.space") && p.contains("max-arms")), problems.toString());
    ScenarioLimits few = new ScenarioLimits(1 << 20, 32, 500, 1000, 2000, 10_000, 100_000L, 40L);
    problems = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(SEARCH, "s.conf", few)).problems();
    assertTrue(problems.stream().anyMatch(p -> p.contains("max-task-epochs")), problems.toString());
  }

  @Test
  void anEvaluationsScenarioIsAnOrdinaryScenarioOfTheBaselineAndThatPath() {
    Scenario s = ScenarioParser.parse(SEARCH, "s.conf");
    SearchSpec.Candidate c = s.search().candidates().get(3);
    String text = SearchScenarios.write(SEARCH, "evaluation", List.of(), List.of(c), null, List.of(1L, 2L), List.of("a header"));
    assertTrue(text.startsWith("# a header\n"), text);
    Scenario job = ScenarioParser.parse(text, "job.conf");
    assertNull(job.search());
    assertEquals(List.of("baseline", c.arm().name()), job.arms().stream().map(Arm::name).toList());
    LearningPath path = job.arms().get(1).path();
    assertEquals(c.arm().path(), path, "the same tasks and learning processes: the prefixes are the search's");
    assertEquals(List.of(1L, 2L), job.seeds());
    assertEquals(s.dataset(), job.dataset());
    assertEquals(Plan.of(s).modelSpec(), Plan.of(job).modelSpec());
  }

  @Test
  void theConfirmationKeepsTheReferencesAndComparesTheWinnersWithTheFirst() {
    Scenario s = ScenarioParser.parse(SEARCH, "s.conf");
    var winners = List.of(s.search().candidates().get(5), s.search().candidates().get(0));
    Scenario confirmation = ScenarioParser.parse(SearchScenarios.write(SEARCH, "confirmation", List.of("shift → sharp"), winners,
        "shift → sharp", List.of(101L, 102L, 103L), List.of()), "c.conf");
    assertEquals(List.of("baseline", "shift → sharp", winners.get(0).arm().name(), winners.get(1).arm().name()),
        confirmation.arms().stream().map(Arm::name).toList());
    assertEquals("shift → sharp", confirmation.arms().get(2).control());
    assertEquals(List.of(101L, 102L, 103L), confirmation.seeds());
  }
}
