package org.pathlab.path;

import java.util.List;
import org.pathlab.wire.PathlabSerializable;

/** An ordered list of (task, learning process) pairs; the last task is the target. */
public record LearningPath(List<Step> steps) implements PathlabSerializable {

  public LearningPath {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a learning path needs at least one task");
    }
    if (!steps.get(steps.size() - 1).task().isTarget()) {
      throw new IllegalArgumentException("a learning path must end on the clean target task");
    }
  }

  public int size() {
    return steps.size();
  }

  public Step step(int index) {
    return steps.get(index);
  }
}
