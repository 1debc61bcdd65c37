package org.pathlab.search;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.RunState;
import org.pathlab.experiment.RunStatus;
import org.pathlab.metrics.TaskMetrics;
import org.pathlab.path.LearningPath;
import org.pathlab.path.Step;
import org.pathlab.scenario.Metric;
import org.pathlab.scenario.RunSpec;
import org.pathlab.scenario.SearchScenarios;
import org.pathlab.scenario.SearchSpec;

/**
 * The ordinary experiments a search submits — an evaluation (the baseline and one path on the
 * search's first seeds), the confirmation (the baseline, the references and the winners on fresh
 * seeds) — as scenario texts, and what an evaluation's experiment measured ({@link JobResult}).
 */
public final class Evaluations {

  private Evaluations() {}

  /** Evaluation {@code job}'s scenario: the baseline and the job's path on the first {@code job.seeds()} seeds. */
  public static String job(SearchState s, Schedule.Job job) {
    SearchSpec.Candidate c = s.candidate(job.candidate());
    List<Long> seeds = s.plan().runsOf(s.plan().baseline().name()).stream().map(RunSpec::seed).limit(job.seeds()).toList();
    return SearchScenarios.write(s.scenarioText(), s.plan().scenarioName() + " · " + c.arm().name() + " · rung " + job.rung(),
        List.of(), List.of(c), null, seeds, List.of("evaluation " + job.index() + " of search " + s.searchId() + ": '" + c.arm().name()
            + "' on " + job.seeds() + " seeds (rung " + job.rung() + ")"));
  }

  /** The confirmation's scenario: the baseline, the references and {@code top} (compared with the first reference too) on the confirmation seeds. */
  public static String confirmation(SearchState s, List<Integer> top, List<String> header) {
    List<SearchSpec.Candidate> winners = top.stream().map(s::candidate).toList();
    String control = s.spec().references().isEmpty() ? null : s.spec().references().get(0);
    return SearchScenarios.write(s.scenarioText(), s.plan().scenarioName() + " · confirmation", s.spec().references(), winners, control,
        s.spec().confirmationSeeds(), header);
  }

  /** What experiment {@code e} (evaluation {@code job} of search {@code s}) measured. */
  public static JobResult result(SearchState s, Schedule.Job job, ExperimentState e) {
    String candidate = s.candidate(job.candidate()).arm().name();
    String baseline = e.plan().baseline().name();
    Metric metric = e.plan().primaryMetric();
    List<Long> seeds = new ArrayList<>();
    List<Double> differences = new ArrayList<>();
    List<JobResult.PrefixUse> uses = new ArrayList<>();
    String failure = e.status() == ExperimentState.Status.FINISHED ? null : "the experiment was " + e.status().name().toLowerCase();
    for (RunSpec run : e.plan().runsOf(candidate)) {
      RunSpec base = e.plan().runsOf(baseline).stream().filter(b -> b.seed() == run.seed()).findFirst().orElse(null);
      RunState c = e.run(run.id());
      RunState b = base == null ? null : e.run(base.id());
      if (c.status() != RunStatus.FINISHED || b == null || b.status() != RunStatus.FINISHED) {
        RunState bad = c.status() != RunStatus.FINISHED || b == null ? c : b;
        if (failure == null) failure = "run " + bad.runId() + " " + bad.status().name().toLowerCase() + (bad.reason() == null ? "" : ": " + bad.reason());
        continue;
      }
      double d = value(c.last().metrics(), metric) - value(b.last().metrics(), metric);
      seeds.add(run.seed());
      differences.add(metric.lowerIsBetter() ? d : -d);
    }
    if (failure == null && differences.isEmpty()) failure = "no seed finished on both sides";
    for (RunSpec run : e.plan().runs()) {
      for (TaskCompleted t : e.run(run.id()).completed()) {
        boolean outside = t.reused() && !t.reusedFrom().startsWith(s.searchId() + "-");
        uses.add(new JobResult.PrefixUse(t.prefixKey(), label(run.path(), t.taskIndex()), t.taskIndex(), run.seed(),
            t.metrics().epochsRun(), outside));
      }
    }
    return new JobResult(seeds, differences, failure, uses);
  }

  private static double value(TaskMetrics m, Metric metric) {
    return metric == Metric.TEST_LOSS ? m.targetTestLoss() : m.targetTestAccuracy();
  }

  /** A prefix as the tree names it: its tasks, each with its learning rate (and bias reset), joined by arrows. */
  static String label(LearningPath path, int depth) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= depth; i++) {
      Step step = path.step(i);
      if (i > 0) b.append(" → ");
      b.append(step.task().label()).append(" (lr ").append(java.math.BigDecimal.valueOf(step.process().learningRate())
          .stripTrailingZeros().toPlainString()).append(step.process().biasReset() ? ", reset" : "").append(')');
    }
    return b.toString();
  }
}
