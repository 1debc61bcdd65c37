package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.ScenarioParser;

/** Power from the journal's earlier runs of the same baseline, before an experiment's own baseline has an sd. */
class BaselineHistoryTest {

  private static final String OTHER = ReportBuilderTest.SCENARIO.replace("seeds = [1, 2, 3]", "seeds = [1, 2, 3, 4, 5]");

  @Test
  void anEarlierExperimentsBaselineRunsGiveTheSd() {
    ExperimentState earlier = ReportBuilderTest.finished(OTHER, run -> 0.5 + 0.01 * run.seed(), (run, task) -> 4);
    Plan plan = Plan.of(ScenarioParser.parse(ReportBuilderTest.SCENARIO, "new.conf"));
    ExperimentState fresh = ExperimentState.empty("e2").apply(new ExperimentEvent.ExperimentSubmitted("e2", plan, "", 0));
    assertTrue(BaselineHistory.needed(fresh), "no baseline run of its own yet");
    Report.PowerBasis basis = BaselineHistory.of(BaselineHistory.baselineSignature(plan), "e2", List.of(earlier, fresh), 0.02);
    assertEquals(Report.PowerBasis.HISTORY, basis.sdSource());
    assertEquals(Statistics.sd(List.of(0.51, 0.52, 0.53, 0.54, 0.55)), basis.sd(), 1e-15);
    assertEquals(5, basis.sdRuns());
    assertEquals("e1", basis.sdExperiment());
    Report report = ReportBuilder.build(fresh, basis);
    assertEquals(Report.PowerBasis.HISTORY, report.power().sdSource());
    assertTrue(MarkdownReport.render(report).contains("at the sd observed in 5 earlier finished runs of the same baseline prefix "
        + "(experiment e1)"), MarkdownReport.render(report));
    assertFalse(BaselineHistory.needed(earlier), "a baseline with its own sd needs no history");
  }

  @Test
  void anotherBaselineIsNotThisOnesHistory() {
    ExperimentState earlier = ReportBuilderTest.finished(OTHER, run -> 0.5 + 0.01 * run.seed(), (run, task) -> 4);
    Plan otherRate = Plan.of(ScenarioParser.parse(ReportBuilderTest.SCENARIO.replace("learning-rate = 0.01", "learning-rate = 0.02"),
        "x.conf"));
    String signature = BaselineHistory.baselineSignature(otherRate);
    assertNotEquals(BaselineHistory.baselineSignature(earlier.plan()), signature, "another learning rate is another baseline");
    assertNull(BaselineHistory.of(signature, "", List.of(earlier), null));
    assertNull(BaselineHistory.of(BaselineHistory.baselineSignature(earlier.plan()), "e1", List.of(earlier), null),
        "an experiment is not its own history");
  }
}
