package org.pathlab.scenario;

import org.pathlab.path.LearningPath;
import org.pathlab.wire.PathlabSerializable;

/**
 * One named path configuration of an experiment; the baseline arm's path is the target task alone.
 * {@code control}: the arm this one is also compared with, besides the baseline (a path of the
 * same length or learning rate without the curriculum: {@code path = repeat}); null when none, and
 * in journals written before controls existed.
 */
public record Arm(String name, boolean baseline, LearningPath path, String control) implements PathlabSerializable {

  public Arm(String name, boolean baseline, LearningPath path) {
    this(name, baseline, path, null);
  }
}
