package org.pathlab.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.RunState;
import org.pathlab.experiment.RunStatus;
import org.pathlab.path.Step;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;

/**
 * Power from the lab's own history: before an experiment's baseline has finished seeds of its own,
 * the sd of the final test losses of finished runs of the same baseline prefix elsewhere in the
 * journal (the target task alone, with the same dataset, model, transforms and learning process:
 * what determines a baseline run but its seed and device), instead of an assumed sd. One value per
 * seed (a reused run is the same run), from the experiment with the most such seeds, which the
 * report and {@code validate} name.
 */
public final class BaselineHistory {

  private BaselineHistory() {}

  /**
   * What a one-task run of {@code step} in {@code plan} is, less its seed: a SHA-256 over the
   * dataset and its subset, the model and its widths (or the TorchScript module's hash), the
   * transform settings and the task with its learning process.
   */
  public static String signature(Plan plan, Step step) {
    String text = "pathlab-baseline/1\n" + plan.dataset() + "\n" + plan.model() + " " + plan.widths() + " "
        + (plan.torchscript() == null ? "" : plan.torchscript().sha256()) + "\n" + plan.transforms() + "\n" + step.task() + " "
        + step.process() + "\n"
        // fp32 signatures are as before precision existed; a bf16 baseline is another baseline
        + ("fp32".equals(plan.precisionId()) ? "" : "precision " + plan.precisionId() + "\n");
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signature of {@code plan}'s baseline. */
  public static String baselineSignature(Plan plan) {
    return signature(plan, plan.baseline().path().step(0));
  }

  /**
   * The sd of finished one-task runs with {@code signature} in {@code states} (other than {@code
   * exclude}), as a power basis with {@code sdSource} "history"; null where no experiment has two
   * such seeds that vary.
   */
  public static Report.PowerBasis of(String signature, String exclude, Collection<ExperimentState> states, Double threshold) {
    String best = null;
    Map<Long, Double> bestLosses = Map.of();
    for (ExperimentState state : states) {
      if (state.plan() == null || state.experimentId().equals(exclude)) continue;
      Map<Long, Double> losses = new TreeMap<>();
      for (Arm arm : state.plan().arms()) {
        if (arm.path().size() != 1 || !signature(state.plan(), arm.path().step(0)).equals(signature)) continue;
        for (RunSpec spec : state.plan().runsOf(arm.name())) {
          RunState run = state.run(spec.id());
          if (run.status() == RunStatus.FINISHED && run.last() != null) losses.put(spec.seed(), run.last().metrics().targetTestLoss());
        }
      }
      if (losses.size() > bestLosses.size()) {
        best = state.experimentId();
        bestLosses = losses;
      }
    }
    List<Double> values = new ArrayList<>(bestLosses.values());
    Double sd = Statistics.sd(values);
    if (sd == null || sd == 0) return null;
    return new Report.PowerBasis(Power.ALPHA, Power.POWER, sd, Report.PowerBasis.HISTORY, threshold, values.size(), best);
  }

  /** True where a report of {@code state} would use the history: its baseline has no sd of its own yet. */
  public static boolean needed(ExperimentState state) {
    if (state.plan() == null) return false;
    List<Double> losses = new ArrayList<>();
    for (RunSpec spec : state.plan().runsOf(state.plan().baseline().name())) {
      RunState run = state.run(spec.id());
      if (run.status() == RunStatus.FINISHED && run.last() != null) losses.add(run.last().metrics().targetTestLoss());
    }
    Double sd = Statistics.sd(losses);
    return sd == null || sd == 0;
  }
}
