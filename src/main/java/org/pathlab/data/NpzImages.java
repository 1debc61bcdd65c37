package org.pathlab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A dataset in one {@code .npz} file, as {@code numpy.savez} writes it: arrays {@code x_train},
 * {@code y_train}, {@code x_test}, {@code y_test} (the Keras convention). Images are uint8, or
 * float32 with values in [0, 1] (stored at 8 bits: ×255, rounded), shaped N×H×W (one channel),
 * N×H×W×C or N×C×H×W with C = 1 or 3 (N×H×W×C where both readings are possible); labels are
 * integers 0…K−1. Every problem names the file and the array.
 */
public final class NpzImages {

  public static final java.util.List<String> ARRAYS = java.util.List.of("x_train", "y_train", "x_test", "y_test");

  private NpzImages() {}

  /** What a scenario needs to know before training: counts, image shape, classes. */
  public record Summary(int trainCount, int testCount, int channels, int height, int width, int classes) {}

  /** Reads the labels and only the headers of the images. */
  public static Summary summary(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      long[][] shapes = new long[2][];
      int classes = 0;
      String[] splits = {"train", "test"};
      for (int i = 0; i < 2; i++) {
        ZipEntry x = zip.getEntry("x_" + splits[i] + ".npy");
        ZipEntry y = zip.getEntry("y_" + splits[i] + ".npy");
        if (x == null || y == null) {
          throw new DatasetException(file + " has no array " + (x == null ? "x_" : "y_") + splits[i] + " (it holds " + names(zip)
              + "); an npz dataset needs " + ARRAYS + ", as numpy.savez(path, x_train=…, y_train=…, x_test=…, y_test=…) writes them");
        }
        try (InputStream in = zip.getInputStream(x)) {
          shapes[i] = NpyArray.header(in, file + ": x_" + splits[i]).shape();
        }
      }
      // the images' volume from their headers, before any data (labels included) is read
      int[] chw = chw(shapes[0], file + ": x_train");
      ImageLimits.checkVolume(file.toString(), shapes[0][0] + (shapes[1].length == 0 ? 0 : shapes[1][0]), chw[0], chw[1], chw[2]);
      for (int i = 0; i < 2; i++) {
        NpyArray labels;
        try (InputStream in = zip.getInputStream(zip.getEntry("y_" + splits[i] + ".npy"))) {
          labels = NpyArray.labels(in, file + ": y_" + splits[i]);
        }
        if (labels.shape().length == 0 || labels.shape()[0] != shapes[i][0]) {
          throw new DatasetException(file + ": x_" + splits[i] + " holds " + shapes[i][0] + " images but y_" + splits[i] + " "
              + (labels.shape().length == 0 ? 0 : labels.shape()[0]) + " labels; they must be equally long");
        }
        for (int n = 0; n < labels.shape()[0]; n++) classes = (int) Math.max(classes, labels.integer(n, file + ": y_" + splits[i]) + 1);
      }
      return new Summary((int) shapes[0][0], (int) shapes[1][0], chw[0], chw[1], chw[2], classes);
    } catch (java.util.zip.ZipException e) {
      throw new DatasetException(file + " is not an npz file (a zip archive of .npy arrays, as numpy.savez writes): " + e.getMessage());
    } catch (IOException e) {
      throw new DatasetException(file + " cannot be read: " + e.getMessage());
    }
  }

  /** {channels, height, width} of images shaped N×H×W, N×H×W×C or N×C×H×W. */
  private static int[] chw(long[] shape, String what) {
    if (shape.length == 3) return new int[] {1, (int) shape[1], (int) shape[2]};
    if (shape.length == 4 && (shape[3] == 1 || shape[3] == 3)) return new int[] {(int) shape[3], (int) shape[1], (int) shape[2]};
    if (shape.length == 4 && (shape[1] == 1 || shape[1] == 3)) return new int[] {(int) shape[1], (int) shape[2], (int) shape[3]};
    throw new DatasetException(what + " has shape " + shape(shape) + "; images must be N×H×W, N×H×W×C or N×C×H×W with C = 1 or 3");
  }

  /** {train, test}, pixels N×C×H×W; each image array is streamed into its pixels, never held whole. */
  public static RawImages[] read(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (String name : ARRAYS) {
        if (zip.getEntry(name + ".npy") == null) {
          throw new DatasetException(file + " has no array " + name + " (it holds " + names(zip) + "); an npz dataset needs "
              + ARRAYS + ", as numpy.savez(path, x_train=…, y_train=…, x_test=…, y_test=…) writes them");
        }
      }
      long[] counts = new long[2];
      int[] chw = null;
      String[] splits = {"train", "test"};
      for (int i = 0; i < 2; i++) {
        try (InputStream in = zip.getInputStream(zip.getEntry("x_" + splits[i] + ".npy"))) {
          long[] shape = NpyArray.header(in, file + ": x_" + splits[i]).shape();
          counts[i] = shape.length == 0 ? 0 : shape[0];
          if (i == 0 && shape.length >= 3) chw = chw(shape, file + ": x_train");
        }
      }
      if (chw != null) ImageLimits.checkVolume(file.toString(), counts[0] + counts[1], chw[0], chw[1], chw[2]);
      RawImages train = split(zip, file, "train");
      RawImages test = split(zip, file, "test");
      if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()) {
        throw new DatasetException(file + ": x_train holds " + train.channels() + "×" + train.height() + "×" + train.width()
            + " images and x_test " + test.channels() + "×" + test.height() + "×" + test.width() + "; both must be the same shape");
      }
      return new RawImages[] {train, test};
    } catch (java.util.zip.ZipException e) {
      throw new DatasetException(file + " is not an npz file (a zip archive of .npy arrays, as numpy.savez writes): " + e.getMessage());
    } catch (IOException e) {
      throw new DatasetException(file + " cannot be read: " + e.getMessage());
    }
  }

  private static String names(ZipFile zip) {
    return zip.stream().map(ZipEntry::getName).map(n -> n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n).sorted().toList().toString();
  }

  private static RawImages split(ZipFile zip, Path file, String split) throws IOException {
    String xs = file + ": x_" + split;
    String ys = file + ": y_" + split;
    NpyArray y;
    try (InputStream in = zip.getInputStream(zip.getEntry("y_" + split + ".npy"))) {
      y = NpyArray.labels(in, ys);
    }
    if (y.shape().length != 1 && !(y.shape().length == 2 && y.shape()[1] == 1)) {
      throw new DatasetException(ys + " has shape " + shape(y.shape()) + "; labels must be one integer per image, shape (N,)");
    }
    try (InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry("x_" + split + ".npy")), 1 << 16)) {
      NpyArray x = NpyArray.header(in, xs);
      if (x.shape().length < 3 || x.shape().length > 4) {
        throw new DatasetException(xs + " has shape " + shape(x.shape()) + "; images must be N×H×W, N×H×W×C or N×C×H×W");
      }
      if (y.shape()[0] != x.shape()[0]) {
        throw new DatasetException(file + ": x_" + split + " holds " + x.shape()[0] + " images but y_" + split + " " + y.shape()[0]
            + " labels; they must be equally long");
      }
      int n = (int) x.shape()[0]; // the volume check bounds it
      int[] dims = chw(x.shape(), xs);
      int c = dims[0];
      int plane = dims[1] * dims[2];
      ImageLimits.checkVolume(xs, n, c, dims[1], dims[2]);
      boolean nchw = x.shape().length == 3 || !(x.shape()[3] == 1 || x.shape()[3] == 3);
      byte[] pixels = new byte[n * c * plane];
      if (nchw) {
        x.pixels(in, xs, (index, v) -> pixels[(int) index] = v);
      } else {
        // N×H×W×C in storage order: image i, pixel p, channel k lands at (i·C + k)·plane + p
        x.pixels(in, xs, (index, v) -> {
          long i = index / ((long) plane * c);
          int rest = (int) (index - i * plane * c);
          pixels[(int) ((i * c + rest % c) * plane + rest / c)] = v;
        });
      }
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        long label = y.integer(i, ys);
        if (label < 0 || label > 100_000) {
          throw new DatasetException(ys + "[" + i + "] is " + label + "; labels must be class numbers 0, 1, …, K−1");
        }
        labels[i] = (int) label;
      }
      return new RawImages(n, c, dims[1], dims[2], pixels, labels);
    }
  }

  static String shape(long[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) s.append(i > 0 ? ", " : "").append(shape[i]);
    return s.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
