package org.pathlab.path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pathlab.wire.PathlabSerializable;

/**
 * One point on the task manifold: the experiment's dataset under these transform levels, with the
 * cross-entropy loss. Stored canonically (levels above 0 only, sorted by transform name), so two
 * equal tasks are equal records; no levels is the clean target task.
 */
public record Task(List<TransformLevel> transforms) implements PathlabSerializable {

  public Task {
    List<TransformLevel> canonical = new ArrayList<>();
    for (TransformLevel t : transforms) {
      if (t.level() > 0) canonical.add(t);
    }
    canonical.sort(Comparator.comparing(TransformLevel::transform));
    for (int i = 1; i < canonical.size(); i++) {
      if (canonical.get(i).transform().equals(canonical.get(i - 1).transform())) {
        throw new IllegalArgumentException("transform " + canonical.get(i).transform() + " given twice in one task");
      }
    }
    transforms = List.copyOf(canonical);
  }

  public static Task target() {
    return new Task(List.of());
  }

  public static Task of(String transform, double level) {
    return new Task(List.of(new TransformLevel(transform, level)));
  }

  public static Task of(Map<String, Double> levels) {
    List<TransformLevel> list = new ArrayList<>();
    levels.forEach((name, level) -> list.add(new TransformLevel(name, level)));
    return new Task(list);
  }

  public double level(String transform) {
    for (TransformLevel t : transforms) {
      if (t.transform().equals(transform)) return t.level();
    }
    return 0;
  }

  public boolean isTarget() {
    return transforms.isEmpty();
  }

  public String label() {
    if (isTarget()) return "clean";
    return transforms.stream()
        .map(t -> String.format(java.util.Locale.ROOT, "%s %.2f", t.transform(), t.level()))
        .collect(Collectors.joining(" + "));
  }
}
