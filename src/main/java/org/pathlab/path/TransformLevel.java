package org.pathlab.path;

import org.pathlab.wire.PathlabSerializable;

/** One transform family at one level in [0,1]; 0 is the clean target data, 1 the paper's source corruption. */
public record TransformLevel(String transform, double level) implements PathlabSerializable {
  public TransformLevel {
    if (!(level >= 0 && level <= 1)) {
      throw new IllegalArgumentException("transform level must be in [0,1], got " + level);
    }
  }
}
