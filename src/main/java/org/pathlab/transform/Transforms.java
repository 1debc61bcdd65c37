package org.pathlab.transform;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The transform families and how a task's levels are applied to a batch: in the fixed order blur,
 * contrast, shift (so the zero border of a shift is neither blurred nor grayed), in pixel space.
 */
public final class Transforms {

  public static final String BLUR = "blur";
  public static final String CONTRAST = "contrast";
  public static final String SHIFT = "shift";
  public static final List<String> NAMES = List.of(BLUR, CONTRAST, SHIFT);

  private Transforms() {}

  /**
   * Applies {@code levels} (transform name → level, absent means 0) to a batch. {@code random}
   * supplies the shift offsets; it is used only when a shift level is above 0.
   */
  public static NDArray apply(NDArray batch, java.util.function.ToDoubleFunction<String> levels,
      TransformSettings settings, SplittableRandom random) {
    NDArray x = batch;
    double blur = levels.applyAsDouble(BLUR);
    if (blur > 0) x = Blur.apply(x, blur, settings.blurFilter());
    double contrast = levels.applyAsDouble(CONTRAST);
    if (contrast > 0) x = Contrast.apply(x, contrast);
    double shift = levels.applyAsDouble(SHIFT);
    if (shift > 0) x = Shift.apply(x, shift, settings.shiftMax(), random);
    return x;
  }
}
