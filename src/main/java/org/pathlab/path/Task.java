package org.pathlab.path;

import java.util.List;
import java.util.stream.Collectors;
import org.pathlab.serialization.PathlabSerializable;

/**
 * One point on the task manifold: the experiment's dataset under these transform levels, with
 * the cross-entropy loss. No levels (or all at 0) is the clean target task.
 */
public record Task(List<TransformLevel> transforms) implements PathlabSerializable {

  public Task {
    transforms = List.copyOf(transforms);
  }

  public static Task target() {
    return new Task(List.of());
  }

  public static Task of(String transform, double level) {
    return level == 0 ? target() : new Task(List.of(new TransformLevel(transform, level)));
  }

  public double level(String transform) {
    return transforms.stream()
        .filter(t -> t.transform().equals(transform))
        .mapToDouble(TransformLevel::level)
        .findFirst()
        .orElse(0.0);
  }

  public boolean isTarget() {
    return transforms.stream().allMatch(t -> t.level() == 0);
  }

  public String label() {
    if (isTarget()) return "clean";
    return transforms.stream()
        .filter(t -> t.level() > 0)
        .map(t -> String.format("%s %.2f", t.transform(), t.level()))
        .collect(Collectors.joining(" + "));
  }
}
