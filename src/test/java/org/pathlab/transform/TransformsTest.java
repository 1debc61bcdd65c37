package org.pathlab.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathlab.data.IdxFiles;
import org.pathlab.data.RawImages;

/** Contrast and shift (blur has BlurTest) on real Fashion-MNIST test images, in pixel space [0,1]. */
class TransformsTest {

  private static final int N = 16;
  private static NDManager manager;
  private static float[] pixels;

  @BeforeAll
  static void load() {
    manager = NDManager.newBaseManager("PyTorch");
    Path dir = Path.of("/usr/share/datasets/fashion-mnist");
    RawImages test = IdxFiles.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    pixels = new float[N * 28 * 28];
    for (int i = 0; i < pixels.length; i++) pixels[i] = (test.pixels()[i] & 0xff) / 255f;
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static NDArray batch(NDManager m) {
    return m.create(pixels, new Shape(N, 1, 28, 28));
  }

  @Test
  void levelZeroIsTheIdentityForEveryTransform() {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = batch(m);
      assertSame(x, Blur.apply(x, 0));
      assertSame(x, Contrast.apply(x, 0));
      assertSame(x, Shift.apply(x, 0, 8, new SplittableRandom(1)));
      assertSame(x, Transforms.apply(x, t -> 0, TransformSettings.defaults(), new SplittableRandom(1)));
    }
  }

  @Test
  void contrastKeepsEachImagesMeanAndScalesItsStandardDeviation() {
    for (double level : new double[] {0.25, 0.5, 1.0}) {
      double c = Contrast.factor(level);
      try (NDManager m = manager.newSubManager()) {
        float[] out = Contrast.apply(batch(m), level).toFloatArray();
        for (int i = 0; i < N; i++) {
          double[] before = stats(pixels, i);
          double[] after = stats(out, i);
          assertEquals(before[0], after[0], 1e-5, "mean of image " + i);
          assertEquals(c * before[1], after[1], 1e-5, "sd of image " + i + " at level " + level);
        }
      }
    }
    assertEquals(0.1, Contrast.factor(1), 1e-12, "level 1 keeps 10 % of the contrast");
    assertEquals(1.0, Contrast.factor(0));
  }

  private static double[] stats(float[] values, int image) {
    int size = 28 * 28;
    double sum = 0;
    for (int k = 0; k < size; k++) sum += values[image * size + k];
    double mean = sum / size;
    double ss = 0;
    for (int k = 0; k < size; k++) ss += Math.pow(values[image * size + k] - mean, 2);
    return new double[] {mean, Math.sqrt(ss / size)};
  }

  @Test
  void shiftMovesEveryPixelByExactlyTheDrawnOffsetsWithZeroFill() {
    Shift.Offsets offsets = Shift.draw(N, Shift.amplitude(1.0, 8), new SplittableRandom(5));
    assertTrue(Arrays.stream(offsets.dx()).anyMatch(d -> d != 0), "some image moves");
    try (NDManager m = manager.newSubManager()) {
      float[] out = Shift.apply(batch(m), offsets).toFloatArray();
      for (int i = 0; i < N; i++) {
        for (int y = 0; y < 28; y++) {
          for (int x = 0; x < 28; x++) {
            int sy = y - offsets.dy()[i];
            int sx = x - offsets.dx()[i];
            float expected = sy < 0 || sy >= 28 || sx < 0 || sx >= 28 ? 0f : pixels[i * 784 + sy * 28 + sx];
            assertEquals(expected, out[i * 784 + y * 28 + x], 0f, "image " + i + " at (" + y + "," + x + ")");
          }
        }
      }
    }
  }

  @Test
  void shiftOffsetsStayWithinTheLevelsAmplitudeAndComeFromTheSeed() {
    assertEquals(8, Shift.amplitude(1, 8));
    assertEquals(4, Shift.amplitude(0.5, 8));
    Shift.Offsets a = Shift.draw(1000, 4, new SplittableRandom(9));
    Shift.Offsets b = Shift.draw(1000, 4, new SplittableRandom(9));
    Shift.Offsets c = Shift.draw(1000, 4, new SplittableRandom(10));
    assertArrayEquals(a.dx(), b.dx());
    assertArrayEquals(a.dy(), b.dy());
    assertFalse(Arrays.equals(a.dx(), c.dx()));
    assertEquals(-4, Arrays.stream(a.dx()).min().orElseThrow());
    assertEquals(4, Arrays.stream(a.dy()).max().orElseThrow());
    try (NDManager m = manager.newSubManager()) {
      float[] first = Shift.apply(batch(m), 1.0, 8, new SplittableRandom(3)).toFloatArray();
      float[] again = Shift.apply(batch(m), 1.0, 8, new SplittableRandom(3)).toFloatArray();
      assertArrayEquals(first, again, "reproducible from the seed");
    }
  }

  @Test
  void levelsOutsideZeroOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Contrast.factor(1.5));
    assertThrows(IllegalArgumentException.class, () -> Shift.amplitude(-0.1, 8));
  }

  @Test
  void transformsComposeInTheOrderBlurContrastShift() {
    try (NDManager m = manager.newSubManager()) {
      SplittableRandom r1 = new SplittableRandom(2);
      NDArray composed = Transforms.apply(batch(m), t -> t.equals("shift") ? 0.5 : t.equals("blur") ? 1.0 : 0.5,
          new TransformSettings(6), r1);
      SplittableRandom r2 = new SplittableRandom(2);
      NDArray byHand = Shift.apply(Contrast.apply(Blur.apply(batch(m), 1.0), 0.5), 0.5, 6, r2);
      assertArrayEquals(byHand.toFloatArray(), composed.toFloatArray(), 0f);
    }
  }

  @Test
  void theScenariosBlurFilterReachesTheBlur() {
    // the trainer applies a task through Transforms.apply with the plan's settings: the filter must get through
    try (NDManager m = manager.newSubManager()) {
      for (BlurFilter f : BlurFilter.values()) {
        NDArray composed = Transforms.apply(batch(m), t -> t.equals("blur") ? 1.0 : t.equals("contrast") ? 0.5 : 0,
            new TransformSettings(8, f), new SplittableRandom(3));
        NDArray byHand = Contrast.apply(Blur.apply(batch(m), 1.0, f), 0.5);
        assertArrayEquals(byHand.toFloatArray(), composed.toFloatArray(), 0f, f.id());
      }
      float[] bilinear = Transforms.apply(batch(m), t -> t.equals("blur") ? 1.0 : 0, TransformSettings.defaults(), null).toFloatArray();
      float[] area = Transforms.apply(batch(m), t -> t.equals("blur") ? 1.0 : 0, new TransformSettings(8, BlurFilter.AREA), null)
          .toFloatArray();
      assertFalse(java.util.Arrays.equals(bilinear, area), "area is not the default blur");
    }
  }
}
