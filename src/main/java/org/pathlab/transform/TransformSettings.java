package org.pathlab.transform;

import org.pathlab.wire.PathlabSerializable;

/**
 * Scenario-wide parameters of the transform families: {@code shiftMax} is the largest translation
 * (pixels per axis) of the shift transform at level 1; {@code blurFilter} how the blur shrinks an
 * image. Neither is stated by the paper (docs/scenarios.md): both are pathlab's assumptions, so
 * both are settings.
 */
public record TransformSettings(int shiftMax, BlurFilter blurFilter) implements PathlabSerializable {

  public static final int DEFAULT_SHIFT_MAX = 8;

  public TransformSettings {
    // Journals written before the blur filter was a setting replay with null here: their blur was
    // the bilinear one, today's default.
    blurFilter = blurFilter == null ? BlurFilter.DEFAULT : blurFilter;
  }

  /** The given shift with the default blur filter. */
  public TransformSettings(int shiftMax) {
    this(shiftMax, BlurFilter.DEFAULT);
  }

  public static TransformSettings defaults() {
    return new TransformSettings(DEFAULT_SHIFT_MAX, BlurFilter.DEFAULT);
  }
}
