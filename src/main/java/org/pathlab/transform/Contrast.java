package org.pathlab.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Lowers contrast by blending each image toward its own mean gray (the mean over its channels and
 * pixels): {@code x' = m + c·(x − m)} with contrast factor {@code c = 1 − 0.9·level}. Level 0 keeps
 * 100 % contrast (the identity), level 1 keeps 10 %, the paper's minimum (section 5, footnote 1).
 * The image's mean is unchanged and its standard deviation is scaled by exactly {@code c}.
 */
public final class Contrast {

  private Contrast() {}

  public static double factor(double level) {
    Levels.check(level);
    return 1 - 0.9 * level;
  }

  /** Level 0 returns {@code nchw} itself; otherwise a new array on its manager, owned by the caller. */
  public static NDArray apply(NDArray nchw, double level) {
    double c = factor(level);
    if (c == 1) return nchw;
    Shape shape = nchw.getShape();
    long perImage = shape.size() / shape.get(0);
    NDManager owner = nchw.getManager();
    try (NDManager scratch = owner.newSubManager(nchw.getDevice())) {
      // mean over several axes fails on PyTorch in DJL: sum, then divide
      NDArray sum = nchw.sum(new int[] {1, 2, 3}, true);
      sum.attach(scratch);
      NDArray mean = sum.div(perImage);
      mean.attach(scratch);
      NDArray centered = nchw.sub(mean);
      centered.attach(scratch);
      NDArray scaled = centered.mul((float) c);
      scaled.attach(scratch);
      NDArray out = scaled.add(mean);
      out.attach(owner);
      return out;
    }
  }
}
