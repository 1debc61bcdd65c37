package org.pathlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads image/label pairs in the IDX format of MNIST and Fashion-MNIST (big-endian int32 header,
 * then unsigned bytes), gzipped or raw. Both datasets use the same four file names.
 */
public final class IdxFiles {

  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** The four base names; each may also be present with a {@code .gz} suffix. */
  public static final List<String> FILE_NAMES =
      List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  static final int IMAGES_MAGIC = 2051;
  static final int LABELS_MAGIC = 2049;
  static final int MAX_LABEL = 9;

  private static final int BUFFER = 1 << 16;

  private IdxFiles() {}

  /**
   * Returns {train, test} of an IDX dataset ({@code mnist} or {@code fashion-mnist}) from the
   * directory holding its four files; {@code dataset} only names it in error messages.
   */
  public static RawImages[] readSet(Path dir, String dataset) {
    RawImages train =
        read(
            DatasetLocator.file(dir, TRAIN_IMAGES, dataset),
            DatasetLocator.file(dir, TRAIN_LABELS, dataset),
            dataset);
    RawImages test =
        read(
            DatasetLocator.file(dir, TEST_IMAGES, dataset),
            DatasetLocator.file(dir, TEST_LABELS, dataset),
            dataset);
    return new RawImages[] {train, test};
  }

  /** As {@link #read(Path, Path, String)} for a file pair of no particular dataset. */
  public static RawImages read(Path images, Path labels) {
    return read(images, labels, null);
  }

  /**
   * Reads one image file and its label file. {@code dataset} ({@code mnist}, {@code
   * fashion-mnist} or null) only names the dataset in the advice of error messages.
   */
  public static RawImages read(Path images, Path labels, String dataset) {
    String fix = fix(dataset);
    int[] labelValues = readLabels(labels, dataset);
    try (DataInputStream in = open(images, dataset)) {
      int magic = readHeaderInt(in, images, fix);
      if (magic != IMAGES_MAGIC) {
        throw wrongMagic(images, magic, IMAGES_MAGIC, "an IDX image file", fix);
      }
      int count = readHeaderInt(in, images, fix);
      int rows = readHeaderInt(in, images, fix);
      int cols = readHeaderInt(in, images, fix);
      if (count < 0 || rows <= 0 || cols <= 0) {
        throw new DatasetException(
            images + ": header declares " + count + " images of " + rows + "×" + cols
                + ", which is not a valid image set; " + fix);
      }
      long size = (long) count * rows * cols;
      if (size > Integer.MAX_VALUE - 8) {
        throw new DatasetException(
            images + ": header declares " + size + " pixels, more than one Java array holds; "
                + fix);
      }
      if (count != labelValues.length) {
        throw new DatasetException(
            images + " holds " + count + " images but " + labels + " holds "
                + labelValues.length + " labels; the two files do not belong together, replace"
                + " them with the official pair (" + command(dataset) + ")");
      }
      byte[] pixels = readBytes(in, (int) size, images, "pixel", fix);
      return new RawImages(count, 1, rows, cols, pixels, labelValues);
    } catch (IOException e) {
      throw unreadable(images, e, fix);
    }
  }

  private static int[] readLabels(Path labels, String dataset) {
    String fix = fix(dataset);
    try (DataInputStream in = open(labels, dataset)) {
      int magic = readHeaderInt(in, labels, fix);
      if (magic != LABELS_MAGIC) {
        throw wrongMagic(labels, magic, LABELS_MAGIC, "an IDX label file", fix);
      }
      int count = readHeaderInt(in, labels, fix);
      if (count < 0) {
        throw new DatasetException(labels + ": header declares " + count + " labels; " + fix);
      }
      byte[] raw = readBytes(in, count, labels, "label", fix);
      int[] values = new int[count];
      for (int i = 0; i < count; i++) {
        int v = raw[i] & 0xff;
        if (v > MAX_LABEL) {
          throw new DatasetException(
              labels + ": label " + v + " at index " + i + " is outside 0.." + MAX_LABEL + "; "
                  + fix);
        }
        values[i] = v;
      }
      return values;
    } catch (IOException e) {
      throw unreadable(labels, e, fix);
    }
  }

  /** Decides gzip by its magic bytes, since downloads are often renamed or pre-extracted. */
  private static DataInputStream open(Path file, String dataset) throws IOException {
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          file + ": file not found; " + command(dataset) + " or point the dataset root at a"
              + " directory holding it");
    }
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new DataInputStream(
            new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER));
      } catch (EOFException e) {
        buffered.close();
        throw new DatasetException(
            file + ": truncated, the file ends inside its gzip header; " + fix(dataset), e);
      }
    }
    return new DataInputStream(buffered);
  }

  private static int readHeaderInt(DataInputStream in, Path file, String fix) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DatasetException(
          file + ": truncated, the file ends inside its IDX header; " + fix);
    }
  }

  private static byte[] readBytes(DataInputStream in, int n, Path file, String unit, String fix)
      throws IOException {
    byte[] bytes;
    try {
      bytes = in.readNBytes(n);
    } catch (EOFException e) {
      // a cut-off gzip stream fails inside the inflater rather than returning short
      throw new DatasetException(
          file + ": truncated, the compressed data ends before the " + n + " " + unit
              + " bytes its header promises; " + fix, e);
    }
    if (bytes.length < n) {
      throw new DatasetException(
          file + ": truncated, the header promises " + n + " " + unit + " bytes but only "
              + bytes.length + " follow; " + fix);
    }
    return bytes;
  }

  private static String command(String dataset) {
    return dataset == null
        ? "run `ops/datasets mnist` or `ops/datasets fashion-mnist`"
        : "run `ops/datasets " + dataset + "`";
  }

  private static String fix(String dataset) {
    return "replace it with the official file (" + command(dataset) + ")";
  }

  private static DatasetException wrongMagic(
      Path file, int found, int expected, String what, String fix) {
    return new DatasetException(
        file + ": magic number " + found + " where " + expected + " (" + what + ") was expected;"
            + " check that image and label files are not swapped, or " + fix);
  }

  private static DatasetException unreadable(Path file, IOException e, String fix) {
    return new DatasetException(
        file + ": cannot be read (" + e + "); check permissions or " + fix, e);
  }
}
