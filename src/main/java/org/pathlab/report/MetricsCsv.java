package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.RunState;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.RunSpec;
import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;

/**
 * Every recorded number of an experiment as tidy CSV, for pandas or R: one row per run × task ×
 * epoch ({@link Level#EPOCH}) or per run × task ({@link Level#TASK}), each row carrying its arm,
 * seed, task, transform levels and learning process, so no join is needed. Only completed tasks
 * have rows (a task's epochs are recorded with its completion). Columns are documented in
 * docs/user-guide.md; new ones will only be appended.
 */
public final class MetricsCsv {

  /** The grain of the rows. */
  public enum Level {
    EPOCH, TASK;

    /** {@code epoch} or {@code task} (or their plurals); empty for anything else. */
    public static java.util.Optional<Level> find(String name) {
      return switch (name) {
        case "epoch", "epochs" -> java.util.Optional.of(EPOCH);
        case "task", "tasks" -> java.util.Optional.of(TASK);
        default -> java.util.Optional.empty();
      };
    }
  }

  static final List<String> RUN = List.of("experiment", "arm", "baseline", "seed", "run_id", "task", "tasks_in_path", "task_label");
  static final List<String> PROCESS = List.of("learning_rate", "momentum", "weight_decay", "batch_size", "max_epochs", "patience",
      "bias_reset");
  static final List<String> EPOCH = List.of("epoch", "train_loss", "train_accuracy", "validation_loss", "validation_accuracy");
  static final List<String> TASK = List.of("epochs_run", "best_epoch", "best_validation_loss", "stopped_by", "target_test_loss",
      "target_test_accuracy", "task_test_loss", "task_test_accuracy", "reused_from");

  /** The transforms whose levels get a column each: transform.Transforms.NAMES (a test holds them equal; that class uses DJL). */
  static final List<String> TRANSFORMS = List.of("blur", "contrast", "shift");

  private MetricsCsv() {}

  /** The columns of {@code level}, in order. */
  public static List<String> columns(Level level) {
    List<String> columns = new ArrayList<>(RUN);
    for (String t : TRANSFORMS) columns.add("level_" + t);
    columns.addAll(PROCESS);
    if (level == Level.EPOCH) columns.addAll(EPOCH);
    columns.addAll(TASK);
    return columns;
  }

  public static String render(ExperimentState state, Level level) {
    StringBuilder out = new StringBuilder(String.join(",", columns(level))).append('\n');
    java.util.Map<String, RunState> runs = new java.util.HashMap<>();
    for (RunState r : state.runs()) runs.put(r.runId(), r);
    for (Arm arm : state.plan().arms()) {
      for (RunSpec run : state.plan().runsOf(arm.name())) {
        RunState done = runs.get(run.id());
        if (done == null) continue;
        for (TaskCompleted c : done.completed()) {
          Step step = run.path().step(c.taskIndex());
          List<String> head = new ArrayList<>(List.of(state.experimentId(), arm.name(), String.valueOf(arm.baseline()),
              String.valueOf(run.seed()), run.id(), String.valueOf(c.taskIndex()), String.valueOf(run.path().size()), step.task().label()));
          for (String t : TRANSFORMS) head.add(num(step.task().level(t)));
          LearningProcess p = step.process();
          head.addAll(List.of(num(p.learningRate()), num(p.momentum()), num(p.weightDecay()), String.valueOf(p.batchSize()),
              String.valueOf(p.maxEpochs()), String.valueOf(p.patience()), p.biasReset() ? num(p.biasResetDelta()) : "0"));
          List<String> tail = task(c, p);
          if (level == Level.TASK) {
            row(out, head, List.of(), tail);
          } else {
            for (EpochMetrics e : c.metrics().epochs()) {
              row(out, head, List.of(String.valueOf(e.epoch()), num(e.trainLoss()), num(e.trainAccuracy()), num(e.validationLoss()),
                  num(e.validationAccuracy())), tail);
            }
          }
        }
      }
    }
    return out.toString();
  }

  private static List<String> task(TaskCompleted c, LearningProcess p) {
    TaskMetrics m = c.metrics();
    // early stopping ended it where it ran fewer epochs than allowed; otherwise the cap did
    String stoppedBy = m.epochsRun() < p.maxEpochs() ? "early-stopping" : "max-epochs";
    return List.of(String.valueOf(m.epochsRun()), String.valueOf(m.bestEpoch()), num(m.bestValidationLoss()), stoppedBy,
        num(m.targetTestLoss()), num(m.targetTestAccuracy()), num(m.taskTestLoss()), num(m.taskTestAccuracy()),
        c.reusedFrom() == null ? "" : c.reusedFrom());
  }

  private static void row(StringBuilder out, List<String> head, List<String> middle, List<String> tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(middle);
    all.addAll(tail);
    out.append(all.stream().map(CsvReport::field).collect(Collectors.joining(","))).append('\n');
  }

  private static String num(double x) {
    return Double.isFinite(x) ? Fixed.significant17(x) : "";
  }
}
