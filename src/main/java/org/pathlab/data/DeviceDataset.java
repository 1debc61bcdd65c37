package org.pathlab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The three splits decoded once into float32 N×C×H×W arrays of pixel values in [0,1] (pixel/255),
 * so that batches are cheap index-selects instead of re-decoding. Transforms work on batches in
 * that pixel space; {@link #normalize} then standardizes them per channel with the training
 * split's statistics. Each split is held once, as float32: there is no normalized copy.
 */
public final class DeviceDataset implements AutoCloseable {

  public enum Split { TRAIN, VALIDATION, TEST }

  private final NDManager manager;
  private final Map<Split, NDArray> images;
  private final Map<Split, NDArray> labels;
  private final float[] mean;
  private final float[] std;
  /** {@link #mean} and {@link #std} as C×1×1 arrays on this dataset's device, for broadcasting. */
  private final NDArray meanArray;
  private final NDArray stdArray;

  private DeviceDataset(
      NDManager manager,
      Map<Split, NDArray> images,
      Map<Split, NDArray> labels,
      float[] mean,
      float[] std) {
    this.manager = manager;
    this.images = images;
    this.labels = labels;
    this.mean = mean;
    this.std = std;
    this.meanArray = statArray(manager, mean, "mean");
    this.stdArray = statArray(manager, std, "std");
  }

  public static DeviceDataset create(
      NDManager parent, RawImages train, RawImages test, SplitIndices idx) {
    if (train.channels() != test.channels()
        || train.height() != test.height()
        || train.width() != test.width()) {
      throw new IllegalArgumentException(
          "training images are " + geometry(train) + " but test images are " + geometry(test));
    }
    if (idx.train().length == 0) {
      throw new IllegalArgumentException(
          "the training split is empty; normalization needs its statistics");
    }
    float[][] stats = channelStats(train, idx.train());
    NDManager manager = parent.newSubManager();
    try {
      Map<Split, NDArray> images = new EnumMap<>(Split.class);
      Map<Split, NDArray> labels = new EnumMap<>(Split.class);
      put(manager, images, labels, Split.TRAIN, train, idx.train());
      put(manager, images, labels, Split.VALIDATION, train, idx.validation());
      put(manager, images, labels, Split.TEST, test, idx.test());
      return new DeviceDataset(manager, images, labels, stats[0], stats[1]);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public int size(Split split) {
    return Math.toIntExact(labels.get(split).size());
  }

  /** A split's images, float32 N×C×H×W in [0,1]; not normalized. */
  public NDArray images(Split split) {
    return images.get(split);
  }

  public NDArray labels(Split split) {
    return labels.get(split);
  }

  /** Per-channel mean of the training split, in [0,1] pixel units. */
  public float[] mean() {
    return mean.clone();
  }

  /** Per-channel standard deviation (population) of the training split, in [0,1] pixel units. */
  public float[] std() {
    return std.clone();
  }

  /**
   * {@code (batch − mean) / std} per channel, with the training split's statistics. {@code batch}
   * is float32 in [0,1] pixel units, shaped …×C×H×W (N×C×H×W or C×H×W); it is left unchanged and
   * the result is a new array on {@code batch}'s manager.
   */
  public NDArray normalize(NDArray batch) {
    Shape shape = batch.getShape();
    int c = mean.length;
    if (shape.dimension() < 3 || shape.get(shape.dimension() - 3) != c) {
      throw new IllegalArgumentException(
          "cannot normalize an array of shape " + shape + ": expected …×" + c + "×H×W");
    }
    if (batch.getDevice().equals(meanArray.getDevice())) {
      // the result of an operation belongs to its left operand's manager, i.e. the batch's
      return batch.sub(meanArray).divi(stdArray);
    }
    try (NDManager scratch = batch.getManager().newSubManager()) {
      NDArray m = statArray(scratch, mean, "mean");
      NDArray s = statArray(scratch, std, "std");
      return batch.sub(m).divi(s);
    }
  }

  /**
   * Rows {@code indices} of a split as (images, labels), owned by {@code into}: closing it frees
   * them. {@code into} must be a PyTorch manager on the same device as this dataset. The images
   * are in [0,1] pixel units: pass them (transformed or not) through {@link #normalize}.
   */
  public NDList batch(Split split, long[] indices, NDManager into) {
    int n = size(split);
    for (long i : indices) {
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException(
            "row " + i + " is outside the " + n + " rows of the " + split + " split");
      }
    }
    // an int64 index keeps PyTorch's indexer from making a converted copy on another manager
    try (NDArray index = into.create(indices)) {
      NDIndex select = new NDIndex("{}", index);
      // get(manager, ...) attaches the result to the given manager, not to the source's
      NDArray x = images.get(split).get(into, select);
      NDArray y = labels.get(split).get(into, select);
      return new NDList(x, y);
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  /**
   * Uploads the chosen rows as uint8 (a quarter of float32's size) and widens them on the device,
   * so neither the heap nor the device ever holds a second float32 copy of a split.
   */
  private static void put(
      NDManager manager,
      Map<Split, NDArray> images,
      Map<Split, NDArray> labels,
      Split split,
      RawImages raw,
      int[] rows) {
    int size = raw.imageSize();
    ByteBuffer x = ByteBuffer.allocateDirect(Math.multiplyExact(rows.length, size));
    long[] y = new long[rows.length];
    byte[] pixels = raw.pixels();
    for (int r = 0; r < rows.length; r++) {
      x.put(pixels, rows[r] * size, size);
      y[r] = raw.labels()[rows[r]];
    }
    x.flip();
    String name = split.name().toLowerCase(Locale.ROOT);
    Shape shape = new Shape(rows.length, raw.channels(), raw.height(), raw.width());
    NDArray xs;
    try (NDArray bytes = manager.create(x, shape, DataType.UINT8)) {
      xs = bytes.toType(DataType.FLOAT32, false);
    } finally {
      // the uint8 tensor may share the direct buffer's memory: keep it alive until widened
      Reference.reachabilityFence(x);
    }
    xs.divi(255f);
    xs.setName(name + "-images");
    NDArray ys = manager.create(y, new Shape(rows.length));
    ys.setName(name + "-labels");
    images.put(split, xs);
    labels.put(split, ys);
  }

  private static NDArray statArray(NDManager manager, float[] values, String name) {
    NDArray a = manager.create(values, new Shape(values.length, 1, 1));
    a.setName(name);
    return a;
  }

  /** {mean, std} per channel in [0,1] units, accumulated exactly over the raw bytes. */
  public static float[][] channelStats(RawImages raw, int[] rows) {
    int c = raw.channels();
    int plane = raw.height() * raw.width();
    int size = raw.imageSize();
    byte[] pixels = raw.pixels();
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int ch = 0; ch < c; ch++) {
      long sum = 0;
      long sumSq = 0;
      for (int row : rows) {
        int base = row * size + ch * plane;
        for (int p = 0; p < plane; p++) {
          int v = pixels[base + p] & 0xff;
          sum += v;
          sumSq += (long) v * v;
        }
      }
      double n = (double) rows.length * plane;
      double m = sum / n;
      double var = Math.max(0, sumSq / n - m * m);
      mean[ch] = (float) (m / 255);
      // a constant channel would divide by zero; leave it centred but unscaled
      std[ch] = var > 0 ? (float) (Math.sqrt(var) / 255) : 1f;
    }
    return new float[][] {mean, std};
  }

  private static String geometry(RawImages raw) {
    return raw.channels() + "×" + raw.height() + "×" + raw.width();
  }
}
