package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceDatasetTest {

  private static RawImages train;
  private static RawImages test;
  private static SplitIndices idx;

  @BeforeAll
  static void load() {
    RawImages[] both = Datasets.load(Datasets.FASHION_MNIST, List.of());
    train = both[0];
    test = both[1];
    idx = Splits.of(train.labels(), test.labels(), 7, 600, 200, 300);
  }

  @Test
  void shapesAndTypes() {
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        DeviceDataset data = DeviceDataset.create(root, train, test, idx)) {
      assertEquals(600, data.size(DeviceDataset.Split.TRAIN));
      assertEquals(200, data.size(DeviceDataset.Split.VALIDATION));
      assertEquals(300, data.size(DeviceDataset.Split.TEST));
      assertEquals(new Shape(600, 1, 28, 28), data.images(DeviceDataset.Split.TRAIN).getShape());
      assertEquals(
          new Shape(200, 1, 28, 28), data.images(DeviceDataset.Split.VALIDATION).getShape());
      assertEquals(new Shape(300, 1, 28, 28), data.images(DeviceDataset.Split.TEST).getShape());
      assertEquals(DataType.FLOAT32, data.images(DeviceDataset.Split.TRAIN).getDataType());
      assertEquals(DataType.INT64, data.labels(DeviceDataset.Split.TEST).getDataType());
      assertEquals(new Shape(300), data.labels(DeviceDataset.Split.TEST).getShape());
      long[] testLabels = data.labels(DeviceDataset.Split.TEST).toLongArray();
      for (int r = 0; r < idx.test().length; r++) {
        assertEquals(test.labels()[idx.test()[r]], testLabels[r]);
      }
    }
  }

  @Test
  void imagesArePixelsOver255() {
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        DeviceDataset data = DeviceDataset.create(root, train, test, idx)) {
      int size = 28 * 28;
      float[] x = data.images(DeviceDataset.Split.TEST).toFloatArray();
      for (int r = 0; r < idx.test().length; r++) {
        int source = idx.test()[r];
        for (int p = 0; p < size; p++) {
          float expected = (test.pixels()[source * size + p] & 0xff) / 255f;
          assertEquals(expected, x[r * size + p], 1e-7, "row " + r + " pixel " + p);
        }
      }
      float[] t = data.images(DeviceDataset.Split.TRAIN).toFloatArray();
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (float v : t) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertEquals(0f, min);
      assertEquals(1f, max);
    }
  }

  @Test
  void normalizedTrainSplitHasMeanZeroStdOne() {
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        DeviceDataset data = DeviceDataset.create(root, train, test, idx)) {
      NDArray images = data.images(DeviceDataset.Split.TRAIN);
      float[] before = images.toFloatArray();
      NDArray normalized;
      try (NDManager into = root.newSubManager()) {
        NDArray batch = data.batch(DeviceDataset.Split.TRAIN, rows(600), into).get(0);
        normalized = data.normalize(batch);
        assertSame(into, normalized.getManager(), "the result lives on the batch's manager");
        assertEquals(batch.getShape(), normalized.getShape());
        double[] stats = stats(normalized.toFloatArray(), 0, 1, 28 * 28);
        assertEquals(0, stats[0], 1e-4);
        assertEquals(1, stats[1], 1e-4);
        assertArrayEquals(before, batch.toFloatArray(), "the batch is not changed");
      }
      assertTrue(normalized.isReleased());
      assertArrayEquals(before, images.toFloatArray(), "the stored split is not changed");
      // Fashion-MNIST is mostly dark background: mean ≈ 0.29, std ≈ 0.35 in [0,1] units
      assertEquals(1, data.mean().length);
      assertEquals(0.286, data.mean()[0], 0.02);
      assertEquals(0.353, data.std()[0], 0.02);
    }
  }

  @Test
  void threeChannelsAreNormalizedEachByItsOwnStatistics() {
    // channel c of every image is drawn around 40 + 60c with spread 10 + 10c (rarely clipped)
    int n = 200;
    int plane = 8 * 8;
    byte[] pixels = new byte[n * 3 * plane];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < plane; p++) {
          double v = 40 + 60 * c + (10 + 10 * c) * random.nextGaussian();
          pixels[(i * 3 + c) * plane + p] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
      }
    }
    int[] labels = new int[n];
    RawImages colour = new RawImages(n, 3, 8, 8, pixels, labels);
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    SplitIndices everything = new SplitIndices(all, new int[0], new int[] {0, 1});
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        DeviceDataset data = DeviceDataset.create(root, colour, colour, everything)) {
      float[] mean = data.mean();
      float[] std = data.std();
      assertEquals(3, mean.length);
      for (int c = 0; c < 3; c++) {
        assertEquals((40 + 60 * c) / 255.0, mean[c], 0.01, "mean of channel " + c);
        assertEquals((10 + 10 * c) / 255.0, std[c], 0.01, "std of channel " + c);
      }
      try (NDManager step = root.newSubManager()) {
        NDList batch = data.batch(DeviceDataset.Split.TRAIN, rows(n), step);
        NDArray x = data.normalize(batch.get(0));
        assertSame(step, x.getManager());
        float[] v = x.toFloatArray();
        for (int c = 0; c < 3; c++) {
          double[] stats = stats(v, c, 3, plane);
          assertEquals(0, stats[0], 1e-4, "normalized mean of channel " + c);
          assertEquals(1, stats[1], 1e-4, "normalized std of channel " + c);
        }
        // one C×H×W image normalizes the same as its row of a batch
        NDArray single = data.normalize(batch.get(0).get(5));
        float[] one = single.toFloatArray();
        for (int k = 0; k < one.length; k++) {
          assertEquals(v[5 * 3 * plane + k], one[k], 1e-6);
        }
        // and each value is (pixel/255 − mean[c]) / std[c]
        int c = 2;
        int p = 17;
        float pixel = (pixels[(5 * 3 + c) * plane + p] & 0xff) / 255f;
        assertEquals((pixel - mean[c]) / std[c], one[c * plane + p], 1e-5);
      }
      assertThrows(
          IllegalArgumentException.class,
          () -> data.normalize(data.images(DeviceDataset.Split.TRAIN).reshape(n, 3, plane)));
    }
  }

  @Test
  void batchSelectsTheRequestedRowsOntoIntoManager() {
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        DeviceDataset data = DeviceDataset.create(root, train, test, idx)) {
      float mean = data.mean()[0];
      float std = data.std()[0];
      long[] rows = {199, 0, 5, 5, 73};
      NDArray x;
      NDArray y;
      NDArray normalized;
      try (NDManager into = root.newSubManager()) {
        NDList batch = data.batch(DeviceDataset.Split.VALIDATION, rows, into);
        x = batch.get(0);
        y = batch.get(1);
        normalized = data.normalize(x);
        assertSame(into, x.getManager());
        assertSame(into, y.getManager());
        assertSame(into, normalized.getManager());
        assertEquals(new Shape(rows.length, 1, 28, 28), x.getShape());
        float[] got = x.toFloatArray();
        float[] norm = normalized.toFloatArray();
        long[] labels = y.toLongArray();
        int size = 28 * 28;
        for (int k = 0; k < rows.length; k++) {
          int source = idx.validation()[(int) rows[k]];
          assertEquals(train.labels()[source], labels[k], "label of row " + rows[k]);
          for (int p = 0; p < size; p++) {
            float pixel = (train.pixels()[source * size + p] & 0xff) / 255f;
            assertEquals(pixel, got[k * size + p], 1e-7, "row " + rows[k] + " pixel " + p);
            assertEquals(
                (pixel - mean) / std, norm[k * size + p], 1e-5, "row " + rows[k] + " pixel " + p);
          }
        }
      }
      assertTrue(x.isReleased(), "closing `into` frees the batch images");
      assertTrue(y.isReleased(), "closing `into` frees the batch labels");
      assertTrue(normalized.isReleased(), "closing `into` frees the normalized batch");
      assertFalse(data.images(DeviceDataset.Split.VALIDATION).isReleased());
      // the statistics stay with the dataset, not with a closed batch manager
      try (NDManager again = root.newSubManager()) {
        NDArray x2 = data.batch(DeviceDataset.Split.VALIDATION, rows, again).get(0);
        assertArrayEquals(
            data.normalize(x2).toFloatArray(),
            data.normalize(x2).toFloatArray());
      }
      assertThrows(
          IndexOutOfBoundsException.class,
          () -> data.batch(DeviceDataset.Split.TEST, new long[] {300}, root));
    }
  }

  @Test
  void closeFreesTheSplitsButNotTheParent() {
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      DeviceDataset data = DeviceDataset.create(root, train, test, idx);
      NDArray images = data.images(DeviceDataset.Split.TRAIN);
      data.close();
      assertTrue(images.isReleased());
      assertTrue(root.isOpen());
    }
  }

  @Test
  void emptyValidationIsAllowed() {
    SplitIndices noValidation = Splits.of(train.labels(), test.labels(), 7, 100, 0, 50);
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        DeviceDataset data = DeviceDataset.create(root, train, test, noValidation)) {
      assertEquals(0, data.size(DeviceDataset.Split.VALIDATION));
      assertEquals(
          new Shape(0, 1, 28, 28), data.images(DeviceDataset.Split.VALIDATION).getShape());
      assertArrayEquals(new long[0], data.labels(DeviceDataset.Split.VALIDATION).toLongArray());
    }
  }

  private static long[] rows(int n) {
    long[] rows = new long[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** {mean, std} of channel {@code c} of an N×C×plane array of {@code channels} channels. */
  private static double[] stats(float[] v, int c, int channels, int plane) {
    double sum = 0;
    double sumSq = 0;
    long count = 0;
    for (int start = c * plane; start < v.length; start += channels * plane) {
      for (int p = 0; p < plane; p++) {
        double x = v[start + p];
        sum += x;
        sumSq += x * x;
        count++;
      }
    }
    double mean = sum / count;
    return new double[] {mean, Math.sqrt(sumSq / count - mean * mean)};
  }
}
