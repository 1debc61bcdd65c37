package org.pathlab.experiment;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import org.pathlab.path.Step;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.transform.BlurFilter;
import org.pathlab.transform.TransformSettings;

/**
 * The content address of a path prefix: a SHA-256 over everything that determines a run's
 * parameters after task {@code k} — the dataset and its subset (sizes and split seed), the model,
 * the transform settings, the run's seed, each (task, learning process with its interventions)
 * pair up to and including task {@code k}, the precision (where it is not fp32), the trainer's version, and the training signature (device
 * kind and thread counts, and a model's memory layout where it is not the one trainer 4 used: {@link
 * PrefixReuse#training}). Two runs with equal keys end task {@code k} with bit-identical
 * parameters and metrics (on CPU), so one can continue from the other's checkpoint.
 *
 * <p>Records render every field in {@link Record#toString}, so a field added to a learning process,
 * a task or a dataset spec changes every key: a new knob can never be served from a prefix
 * trained without it. The transform settings are rendered the same way except for fields added
 * after keys were first computed ({@link #ADDED_LATER}): at the value every earlier prefix was
 * trained with they are left out, so those prefixes keep their keys and are still reused; at any
 * other value they are in the key.
 */
public record PrefixKey(String hex) {

  public PrefixKey {
    if (hex == null || hex.isBlank()) throw new IllegalArgumentException("a prefix key needs its hex digest");
  }

  /** The hex digest, as events record it ({@code TaskCompleted.prefixKey}) and logs print it. */
  @Override
  public String toString() {
    return hex;
  }

  /**
   * Bump when training code changes what a task produces (initialization, optimizer, data order,
   * metrics): completions recorded by an older trainer are then never reused. 2: pathlab's own
   * SGD (PyTorch's rule, {@code train.Sgd}) replaced DJL's, and the epoch's training loss is summed
   * in double precision on the device. 3: the small CNN trains on channels-last batches (other
   * convolution and pooling kernels, so other rounding). 4: convolution weights channels-last too
   * ({@code model.MemoryLayout}), and ResNet-18 on CPU trains channels-last.
   */
  public static final String TRAINER_VERSION = "4";

  /**
   * Transform-settings fields added after prefix keys existed, with the value that all prefixes
   * trained before had. Append a field here only if that value reproduces the old training exactly.
   */
  private static final Map<String, Object> ADDED_LATER = Map.of("blurFilter", BlurFilter.BILINEAR);

  /** The same for the dataset spec: its images as stored. */
  private static final Map<String, Object> DATASET_ADDED_LATER = new java.util.HashMap<>(Map.of("channels", 0, "size", 0));

  static {
    DATASET_ADDED_LATER.put("own", null); // built-in datasets: keys as before own datasets existed
  }

  /**
   * {@code TransformSettings[shiftMax=8]} for the defaults, as {@link Record#toString} rendered it
   * before the blur filter existed; {@code TransformSettings[shiftMax=8, blurFilter=AREA]} otherwise.
   */
  static String transforms(TransformSettings settings) {
    return render(settings, ADDED_LATER);
  }

  /**
   * {@code DatasetSpec[name=fashion-mnist, trainSize=10000, validationSize=2000, testSize=0,
   * splitSeed=0]} for images as stored, as keys rendered it before datasets could be reshaped; with
   * {@code channels} and {@code size} otherwise.
   */
  static String dataset(DatasetSpec dataset) {
    return render(dataset, DATASET_ADDED_LATER);
  }

  /** The record as {@link Record#toString} renders it, less the fields at the value they had before they existed. */
  private static String render(Record record, Map<String, Object> addedLater) {
    StringJoiner fields = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + c.getName(), e);
      }
      if (addedLater.containsKey(c.getName()) && java.util.Objects.equals(addedLater.get(c.getName()), value)) continue;
      fields.add(c.getName() + "=" + (value instanceof org.pathlab.scenario.OwnDataset own ? own.keyText() : value));
    }
    return fields.toString();
  }

  /**
   * {@code small-cnn} at the default widths, as keys rendered the model before widths were a
   * setting (so prefixes trained then are still reused); {@code small-cnn SmallCnnWidths[conv1=32,
   * conv2=64, hidden=128]} at any other widths.
   */
  static String model(Plan plan) {
    if (plan.torchscript() != null) {
      // the module's content, not where it lies: a changed file never continues an old prefix
      var m = plan.torchscript();
      return org.pathlab.model.TorchScriptModel.NAME + " sha256=" + m.sha256() + " input=" + m.channels() + "x" + m.height() + "x" + m.width() + " classes=" + m.classes()
          + " init=" + m.init().id();
    }
    if (plan.widths() == null || plan.widths().matchesDefault()) return plan.model();
    return plan.model() + " " + plan.widths();
  }

  /** {@code training}: the device kind and thread counts, e.g. {@code cpu threads=2 interop=1}. */
  public static PrefixKey of(Plan plan, RunSpec run, int taskIndex, String training) {
    StringBuilder text = new StringBuilder("pathlab-prefix/1\n")
        .append("trainer ").append(TRAINER_VERSION).append('\n')
        .append("training ").append(training).append('\n')
        .append("dataset ").append(dataset(plan.dataset())).append('\n')
        .append("model ").append(model(plan)).append('\n')
        .append("transforms ").append(transforms(plan.transforms())).append('\n')
        .append("seed ").append(run.seed()).append('\n');
    // fp32 keys are as they were before precision existed, so every earlier prefix is still reused;
    // a bf16 prefix never continues an fp32 run, nor the other way round
    if (plan.precisionOrDefault() != org.pathlab.model.Precision.FP32) {
      text.append("precision ").append(plan.precisionOrDefault().id()).append('\n');
    }
    for (int i = 0; i <= taskIndex; i++) {
      Step step = run.path().step(i);
      text.append("step ").append(i).append(' ').append(step.task()).append(' ').append(step.process()).append('\n');
    }
    try {
      return new PrefixKey(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
