package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.RunState;

/** The tidy exports: a row per run × task × epoch or per run × task, each self-describing, the numbers the journal holds. */
class MetricsCsvTest {

  /** Splits simple CSV (the exports quote no field in these tests: no commas in names). */
  private static List<Map<String, String>> rows(String csv) {
    List<String> lines = csv.lines().toList();
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      assertEquals(header.size(), fields.length, "every row has every column: " + line);
      Map<String, String> row = new java.util.LinkedHashMap<>();
      for (int i = 0; i < fields.length; i++) row.put(header.get(i), fields[i]);
      rows.add(row);
    }
    return rows;
  }

  @Test
  void epochRowsAreTheJournalsEpochsWithTheirRunTaskAndProcess() {
    ExperimentState state = ReportBuilderTest.finished(ReportBuilderTest.SCENARIO, run -> 0.5, (run, task) -> 2 + task);
    String csv = MetricsCsv.render(state, MetricsCsv.Level.EPOCH);
    assertEquals(String.join(",", MetricsCsv.columns(MetricsCsv.Level.EPOCH)), csv.lines().findFirst().orElseThrow());
    List<Map<String, String>> rows = rows(csv);
    int epochs = 0;
    for (RunState r : state.runs()) for (TaskCompleted c : r.completed()) epochs += c.metrics().epochs().size();
    assertEquals(epochs, rows.size(), "one row per recorded epoch");
    // each row's numbers are its epoch's, found by run, task and epoch
    for (Map<String, String> row : rows) {
      TaskCompleted c = state.runs().stream().filter(r -> r.runId().equals(row.get("run_id"))).findFirst().orElseThrow()
          .completed().get(Integer.parseInt(row.get("task")));
      var e = c.metrics().epochs().get(Integer.parseInt(row.get("epoch")) - 1);
      assertEquals(e.validationLoss(), Double.parseDouble(row.get("validation_loss")), 0.0);
      assertEquals(e.trainLoss(), Double.parseDouble(row.get("train_loss")), 0.0);
      assertEquals(c.metrics().bestEpoch(), Integer.parseInt(row.get("best_epoch")));
      var run = state.plan().run(row.get("run_id"));
      assertEquals(run.arm(), row.get("arm"));
      assertEquals(String.valueOf(run.seed()), row.get("seed"));
      var step = run.path().step(Integer.parseInt(row.get("task")));
      assertEquals(step.task().level("blur"), Double.parseDouble(row.get("level_blur")), 0.0);
      assertEquals(step.process().learningRate(), Double.parseDouble(row.get("learning_rate")), 0.0);
    }
    assertTrue(rows.stream().anyMatch(r -> r.get("stopped_by").equals("early-stopping")), csv);
  }

  @Test
  void everyTransformHasALevelColumn() {
    assertEquals(org.pathlab.transform.Transforms.NAMES, MetricsCsv.TRANSFORMS);
  }

  @Test
  void taskRowsAreOnePerCompletedTask() {
    ExperimentState state = ReportBuilderTest.finished(ReportBuilderTest.SCENARIO, run -> 0.5, (run, task) -> 10);
    List<Map<String, String>> rows = rows(MetricsCsv.render(state, MetricsCsv.Level.TASK));
    assertEquals(state.tasksCompleted(), rows.size());
    assertTrue(rows.stream().allMatch(r -> r.get("stopped_by").equals("max-epochs") && r.get("epochs_run").equals("10")),
        rows.stream().map(r -> r.get("stopped_by")).collect(Collectors.toSet()).toString());
    assertEquals(Map.of("epoch", false), Map.of("epoch", rows.get(0).containsKey("epoch")), "no epoch columns at the task level");
    assertTrue(MetricsCsv.Level.find("tasks").isPresent() && MetricsCsv.Level.find("runs").isEmpty());
  }
}
