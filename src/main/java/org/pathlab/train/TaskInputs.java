package org.pathlab.train;

import ai.djl.ndarray.NDArray;
import org.pathlab.path.Task;
import org.pathlab.path.TransformLevel;
import org.pathlab.transform.Blur;

/** Applies a task's transforms to a batch, as tensor ops on the batch's device. */
final class TaskInputs {

  private TaskInputs() {}

  static NDArray apply(NDArray batch, Task task) {
    NDArray x = batch;
    for (TransformLevel t : task.transforms()) {
      x = switch (t.transform()) {
        case "blur" -> Blur.apply(x, t.level());
        default -> throw new IllegalArgumentException("unknown transform '" + t.transform() + "'");
      };
    }
    return x;
  }
}
