package org.pathlab.train;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import org.pathlab.data.DeviceDataset;
import org.pathlab.path.Task;
import org.pathlab.transform.TransformSettings;
import org.pathlab.transform.Transforms;

/**
 * Turns a batch of pixels into network inputs for a task: the task's transforms in pixel space,
 * then the dataset's per-channel normalization. All tensor ops on the batch's device.
 */
final class TaskInputs {

  private TaskInputs() {}

  static NDArray apply(NDArray pixels, Task task, TransformSettings settings, SplittableRandom random, DeviceDataset data) {
    NDArray x = Transforms.apply(pixels, task::level, settings, random);
    return data.normalize(x);
  }

  /** The random source of one training batch: a function of (seed, task, epoch, batch) only. */
  static SplittableRandom trainingRandom(long seed, int taskIndex, int epoch, int batch) {
    return new SplittableRandom(DataOrder.mix(seed, taskIndex, epoch) ^ (0xD1B54A32D192ED03L * (batch + 1)));
  }

  /**
   * The random source of an evaluation pass: fixed per (seed, task, split), so that a random
   * transform (shift) presents the same evaluation images every epoch.
   */
  static SplittableRandom evaluationRandom(long seed, int taskIndex, DeviceDataset.Split split) {
    return new SplittableRandom(DataOrder.mix(seed, taskIndex, -1 - split.ordinal()));
  }
}
