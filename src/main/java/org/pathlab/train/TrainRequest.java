package org.pathlab.train;

import org.pathlab.model.ModelSpec;
import org.pathlab.model.Precision;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.path.Step;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.scenario.RunRef;
import org.pathlab.transform.TransformSettings;

/**
 * Train one task of one run. {@code checkpoint} is the parameters after the previous task (null
 * for the first task: initialize from {@code seed}); {@code checkpointSha256} must match it.
 * {@code model}: the kind, the small CNN's widths (null: the defaults) and the researcher's module
 * (for {@link TorchScriptModel#NAME}).
 * {@code cpuLayout}: the memory layout a built-in model trains in on a CPU, {@link #CHANNELS_LAST} or
 * {@link #NCHW}, decided where the run's prefix keys are made (the supervisor's host), so that a
 * trainer on a node with another CPU trains what the key says; null: the trainer's host decides
 * (tools, tests). A name, not DJL's type: the request crosses nodes and the experiment package.
 * {@code precision}: {@link Precision}'s id, the plan's; null: fp32.
 */
public record TrainRequest(
    RunRef run,
    long seed,
    int taskIndex,
    DatasetSpec dataset,
    ModelSpec model,
    TransformSettings transforms,
    Step step,
    String checkpoint,
    String checkpointSha256,
    String cpuLayout,
    String precision) {

  /** {@link #cpuLayout}'s values. */
  public static final String CHANNELS_LAST = "channels-last";
  public static final String NCHW = "nchw";

  /** A request in fp32. */
  public TrainRequest(RunRef run, long seed, int taskIndex, DatasetSpec dataset, ModelSpec model, TransformSettings transforms,
      Step step, String checkpoint, String checkpointSha256, String cpuLayout) {
    this(run, seed, taskIndex, dataset, model, transforms, step, checkpoint, checkpointSha256, cpuLayout, null);
  }

  public Precision precisionOrDefault() {
    return Precision.orDefault(precision);
  }

  /** A request whose CPU layout the trainer's host decides. */
  public TrainRequest(String runKey, long seed, int taskIndex, DatasetSpec dataset, String model, TransformSettings transforms,
      Step step, String checkpoint, String checkpointSha256, SmallCnnWidths widths, TorchScriptModel torchscript) {
    this(RunRef.parse(runKey), seed, taskIndex, dataset, new ModelSpec(model, widths, torchscript), transforms, step, checkpoint,
        checkpointSha256, null, null);
  }

  /** A request for a built-in model at {@code widths}. */
  public TrainRequest(String runKey, long seed, int taskIndex, DatasetSpec dataset, String model,
      TransformSettings transforms, Step step, String checkpoint, String checkpointSha256, SmallCnnWidths widths) {
    this(runKey, seed, taskIndex, dataset, model, transforms, step, checkpoint, checkpointSha256, widths, null);
  }

  /** A request for the model at its default widths. */
  public TrainRequest(String runKey, long seed, int taskIndex, DatasetSpec dataset, String model,
      TransformSettings transforms, Step step, String checkpoint, String checkpointSha256) {
    this(runKey, seed, taskIndex, dataset, model, transforms, step, checkpoint, checkpointSha256, null);
  }
}
