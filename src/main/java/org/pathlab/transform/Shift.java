package org.pathlab.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Random translation: each image moves by integer offsets (dy, dx), each drawn uniformly from
 * [−a, a] with {@code a = round(max·level)}, and the uncovered border is filled with zeros (black).
 * Offsets come from the given random source, drawn afresh for every batch. Applied as two batched
 * products with per-image 0/1 shift matrices, so the moved pixels are exact copies.
 */
public final class Shift {

  /** Per-image offsets: image {@code i} moves down by {@code dy[i]} and right by {@code dx[i]} pixels. */
  public record Offsets(int[] dy, int[] dx) {}

  private Shift() {}

  public static int amplitude(double level, int max) {
    Levels.check(level);
    if (max < 0) throw new IllegalArgumentException("shift max must be ≥ 0, was " + max);
    return (int) Math.round(max * level);
  }

  public static Offsets draw(int n, int amplitude, SplittableRandom random) {
    int[] dy = new int[n];
    int[] dx = new int[n];
    for (int i = 0; i < n; i++) {
      dy[i] = random.nextInt(-amplitude, amplitude + 1);
      dx[i] = random.nextInt(-amplitude, amplitude + 1);
    }
    return new Offsets(dy, dx);
  }

  /** Draws offsets for the batch and applies them; amplitude 0 returns {@code nchw} itself. */
  public static NDArray apply(NDArray nchw, double level, int max, SplittableRandom random) {
    int a = amplitude(level, max);
    if (a == 0) return nchw;
    return apply(nchw, draw((int) nchw.getShape().get(0), a, random));
  }

  /** Moves image i by (dy[i], dx[i]) with zero fill; a new array on {@code nchw}'s manager. */
  public static NDArray apply(NDArray nchw, Offsets offsets) {
    Shape shape = nchw.getShape();
    int n = (int) shape.get(0);
    int h = (int) shape.get(2);
    int w = (int) shape.get(3);
    // rows[i] (h×h): out row y takes in row y − dy; cols[i] (w×w): out col x takes in col x − dx
    float[] rows = new float[n * h * h];
    float[] cols = new float[n * w * w];
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < h; y++) {
        int src = y - offsets.dy()[i];
        if (src >= 0 && src < h) rows[i * h * h + y * h + src] = 1f;
      }
      for (int x = 0; x < w; x++) {
        int src = x - offsets.dx()[i];
        if (src >= 0 && src < w) cols[i * w * w + src * w + x] = 1f;
      }
    }
    NDManager owner = nchw.getManager();
    try (NDManager scratch = owner.newSubManager(nchw.getDevice())) {
      NDArray r = scratch.create(rows, new Shape(n, 1, h, h)).toType(nchw.getDataType(), false);
      NDArray c = scratch.create(cols, new Shape(n, 1, w, w)).toType(nchw.getDataType(), false);
      NDArray moved = r.matMul(nchw); // on r's manager: scratch
      NDArray out = moved.matMul(c);
      out.attach(owner);
      return out;
    }
  }
}
