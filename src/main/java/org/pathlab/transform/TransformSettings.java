package org.pathlab.transform;

import org.pathlab.serialization.PathlabSerializable;

/**
 * Scenario-wide parameters of the transform families: {@code shiftMax} is the largest translation
 * (pixels per axis) of the shift transform at level 1.
 */
public record TransformSettings(int shiftMax) implements PathlabSerializable {

  public static final int DEFAULT_SHIFT_MAX = 8;

  public static TransformSettings defaults() {
    return new TransformSettings(DEFAULT_SHIFT_MAX);
  }
}
