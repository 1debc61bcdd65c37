package org.pathlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.scenario.SearchBlockTest;

/**
 * The search report's sentence rests on the confirmation, never on the search phase: a winner
 * the fresh seeds do not tell from the baseline is reported as no significant difference, one
 * they do as better; the leaderboard's numbers are labelled as search-phase numbers.
 */
class SearchReportTest {

  /** The small search, its tasks stopped early (3 epochs, the best the first) rather than by the cap. */
  private static final String TEXT = SearchBlockTest.SEARCH.replace("max-epochs = 2, patience = 2", "max-epochs = 10, patience = 2");

  /** A search that evaluated two paths (candidate 3 looking far better than candidate 0) and confirmed candidate 3. */
  private static SearchState searched() {
    var scenario = ScenarioParser.parse(TEXT, "s.conf");
    var spec = new org.pathlab.scenario.SearchSpec(scenario.search().candidates(), "random", 2, 1, 0, 2, 1, 10_000,
        scenario.search().confirmationSeeds(), 1, scenario.search().references());
    SearchState s = SearchState.empty("search-1").apply(new SearchEvent.SearchSubmitted("search-1", Plan.of(scenario), spec,
        TEXT, 0));
    List<JobResult> results = new ArrayList<>();
    for (Schedule.Job job : s.schedule().jobs()) {
      double score = job.candidate() == 3 ? -0.3 : 0.05 * job.candidate();
      s = s.apply(new SearchEvent.JobStarted(job.index(), job.candidate(), job.rung(), job.seeds(), "search-1-j" + job.index()));
      results.add(new JobResult(List.of(1L), List.of(score), null, List.of(new JobResult.PrefixUse("k" + job.candidate(), "p", 0, 1, 3, false))));
    }
    for (int i = 0; i < results.size(); i++) s = s.apply(new SearchEvent.JobScored(i, results.get(i)));
    Schedule done = Schedule.replay(spec, results);
    while (done.jobs().size() > s.jobs().size()) {
      Schedule.Job job = done.jobs().get(s.jobs().size());
      double score = job.candidate() == 3 ? -0.3 : 0.05 * job.candidate();
      s = s.apply(new SearchEvent.JobStarted(job.index(), job.candidate(), job.rung(), job.seeds(), "search-1-j" + job.index()));
      s = s.apply(new SearchEvent.JobScored(job.index(), new JobResult(List.of(1L), List.of(score), null, List.of())));
      done = s.schedule();
    }
    assertTrue(s.schedule().searchEnded());
    assertEquals(List.of(3), s.schedule().top(1));
    return s.apply(new SearchEvent.ConfirmationStarted(List.of(3), "search-1-c")).apply(new SearchEvent.SearchFinished(1, 40));
  }

  /** The confirmation experiment, finished, each run's final test loss given by {@code loss}; a seed's runs start alike (paired). */
  private static ExperimentState confirmation(SearchState s, ToDoubleFunction<RunSpec> loss) {
    String text = Evaluations.confirmation(s, s.confirmation().top(), List.of());
    Plan plan = Plan.of(ScenarioParser.parse(text, "c.conf"));
    ExperimentState e = ExperimentState.empty("search-1-c").apply(new ExperimentEvent.ExperimentSubmitted("search-1-c", plan, text, 0));
    for (RunSpec run : plan.runs()) {
      for (int task = 0; task < run.path().size(); task++) {
        double l = loss.applyAsDouble(run);
        TaskMetrics m = new TaskMetrics(3, 1, 0.5, l, 0.9 - l / 10, l, 0.9 - l / 10, List.of(new EpochMetrics(1, 0.6, 0.8, 0.5, 0.8),
            new EpochMetrics(2, 0.5, 0.8, 0.55, 0.8), new EpochMetrics(3, 0.45, 0.8, 0.56, 0.8)), 10, 1, List.of(0.1, 0.2), List.of(),
            task == 0 ? "init-" + run.seed() : null);
        e = e.apply(new ExperimentEvent.TaskCompleted(run.id(), task, m, "c", "h", 0, new org.pathlab.metrics.TrainedOn(null, "cpu", "cpu()")));
      }
      e = e.apply(new ExperimentEvent.RunFinished(run.id()));
    }
    return e.apply(new ExperimentEvent.ExperimentFinished(1));
  }

  @Test
  void aWinnerTheFreshSeedsDoNotTellFromTheBaselineIsReportedSo() {
    SearchState s = searched();
    String winner = s.candidate(3).arm().name();
    double[] noise = {0.011, -0.013, 0.004};
    SearchReport r = SearchReport.build(s, confirmation(s, run -> 0.5 + 0.03 * run.seed() % 7
        + (run.arm().equals(winner) ? noise[(int) (run.seed() - 101)] : 0)));
    assertTrue(r.summary().startsWith("Selected '" + winner + "' from 6 paths"), r.summary());
    assertTrue(r.summary().contains("confirmed on 3 fresh seeds, against the baseline: no significant difference from the baseline"),
        r.summary());
    assertFalse(r.summary().contains("-0.3"), "the search-phase gap is not the result: " + r.summary());
    SearchReport.Confirmed w = r.confirmation().stream().filter(c -> c.arm().equals(winner)).findFirst().orElseThrow();
    assertEquals("winner 1", w.role());
    assertEquals("shift → sharp", w.control(), "the winner is compared with the first reference too");
    assertTrue(SearchMarkdown.render(r).contains("search phase: selection biases these numbers; they are not results"));
  }

  @Test
  void aWinnerTheFreshSeedsConfirmIsReportedBetter() {
    SearchState s = searched();
    String winner = s.candidate(3).arm().name();
    double[] noise = {0.011, -0.013, 0.004};
    SearchReport r = SearchReport.build(s, confirmation(s, run -> 0.5 + 0.03 * run.seed() % 7
        + (run.arm().equals(winner) ? -0.2 + noise[(int) (run.seed() - 101)] : 0)));
    assertTrue(r.summary().contains("against the baseline: better than the baseline"), r.summary());
    assertTrue(r.summary().contains("against 'shift → sharp': better than"), r.summary());
    assertTrue(RungFigure.render(r).contains("red: the selected path, " + winner), "the figure marks the winner");
  }

  @Test
  void beforeTheConfirmationEndsNothingIsAResult() {
    SearchState s = searched();
    // the same search before its confirmation ended
    SearchState confirming = new SearchState(s.searchId(), s.plan(), s.spec(), s.scenarioText(), 0, s.jobs(), s.results(), s.confirmation(),
        SearchState.Status.CONFIRMING, 0, null, 0);
    SearchReport r = SearchReport.build(confirming, null);
    assertTrue(r.summary().endsWith("is running, and until it ends nothing here is a result."), r.summary());
  }
}
