package org.pathlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * SVHN, cropped digits (format 2): {@code train_32x32.mat} and {@code test_32x32.mat}, MATLAB v5
 * files holding {@code X}, uint8 32×32×3×N indexed X(row, column, channel, image) and stored
 * column-major as MATLAB does, and {@code y}, N×1 labels 1–10 where 10 stands for the digit 0.
 * Read with mfl-core and converted to N×C×H×W pixels and labels 0–9.
 */
public final class Svhn {

  public static final String TRAIN_FILE = "train_32x32.mat";
  public static final String TEST_FILE = "test_32x32.mat";
  public static final List<String> FILE_NAMES = List.of(TRAIN_FILE, TEST_FILE);

  static final int CHANNELS = 3;
  static final int SIZE = 32;
  /** SVHN labels the digit 0 as 10. */
  static final int ZERO_LABEL = 10;

  private static final String FIX =
      "replace it with the official file (run `ops/datasets " + Datasets.SVHN + "`)";

  private Svhn() {}

  /** Returns {train, test} from the two .mat files in {@code dir}. */
  public static RawImages[] read(Path dir) {
    return new RawImages[] {readFile(dir.resolve(TRAIN_FILE)), readFile(dir.resolve(TEST_FILE))};
  }

  /** Reads one SVHN .mat file. */
  public static RawImages readFile(Path file) {
    checkHeader(file);
    Mat5File mat;
    try {
      mat = Mat5.readFromFile(file.toFile());
    } catch (IOException | RuntimeException e) {
      // mfl-core wraps a cut-off file's EOFException and a bad header in a plain IOException
      throw new DatasetException(
          file + ": not a readable MATLAB v5 file (" + rootCause(e) + "); it is truncated or"
              + " damaged, " + FIX, e);
    }
    try (mat) {
      Matrix x = variable(mat, file, "X");
      Matrix y = variable(mat, file, "y");
      int n = imageCount(x, file);
      int[] labels = labels(y, n, file);
      return new RawImages(n, CHANNELS, SIZE, SIZE, pixels(x, n), labels);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot be released (" + e + ")", e);
    }
  }

  /** Fails early, and clearly, on a missing file and on MATLAB's HDF5-based v7.3 format. */
  private static void checkHeader(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(10);
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          file + ": file not found; run `ops/datasets " + Datasets.SVHN + "` or point the"
              + " dataset root at a directory holding it");
    } catch (IOException e) {
      throw new DatasetException(
          file + ": cannot be read (" + e + "); check permissions or " + FIX, e);
    }
    if (new String(head, StandardCharsets.US_ASCII).equals("MATLAB 7.3")) {
      throw new DatasetException(
          file + ": saved as a MATLAB v7.3 (HDF5) file, which is not read here; re-save it"
              + " with save(..., '-v7') or " + FIX);
    }
  }

  private static Matrix variable(Mat5File mat, Path file, String name) {
    Array array;
    try {
      array = mat.getArray(name);
    } catch (IllegalArgumentException e) {
      throw new DatasetException(
          file + ": holds no variable '" + name + "' (it holds " + names(mat) + "); the file is"
              + " truncated or not an SVHN cropped-digits file, " + FIX);
    }
    if (!(array instanceof Matrix) || ((Matrix) array).isComplex()) {
      throw new DatasetException(
          file + ": variable '" + name + "' is a " + array.getType() + " "
              + dims(array.getDimensions()) + " array, not a real numeric matrix; " + FIX);
    }
    return (Matrix) array;
  }

  /** N from X's 32×32×3×N dimensions (MATLAB drops the trailing 1 of a single image). */
  private static int imageCount(Matrix x, Path file) {
    int[] d = x.getDimensions();
    boolean geometry = d.length >= 3 && d[0] == SIZE && d[1] == SIZE && d[2] == CHANNELS;
    if (!geometry || d.length > 4) {
      throw new DatasetException(
          file + ": X is " + dims(d) + " where SVHN's is 32×32×3×N (row, column, channel,"
              + " image); the file is not an SVHN cropped-digits file (the full-numbers"
              + " format differs), " + FIX);
    }
    if (x.getType() != MatlabType.UInt8) {
      throw new DatasetException(
          file + ": X is of class " + x.getType() + " where SVHN's is uint8; " + FIX);
    }
    return d.length == 4 ? d[3] : 1;
  }

  private static int[] labels(Matrix y, int n, Path file) {
    int[] d = y.getDimensions();
    int count = y.getNumElements();
    boolean vector = d.length == 2 && (d[0] == 1 || d[1] == 1);
    if (!vector || count != n) {
      throw new DatasetException(
          file + ": X holds " + n + " images but y is " + dims(d) + " where " + n + "×1 labels"
              + " were expected; X and y do not belong together, " + FIX);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double v = y.getDouble(i);
      if (!(v >= 1 && v <= ZERO_LABEL) || v != Math.rint(v)) {
        throw new DatasetException(
            file + ": label y(" + (i + 1) + ") = " + v + " is outside 1.." + ZERO_LABEL
                + " (SVHN writes the digit 0 as 10); " + FIX);
      }
      labels[i] = v == ZERO_LABEL ? 0 : (int) v;
    }
    return labels;
  }

  /** Column-major X(row, col, ch, n) to row-major [n][ch][row][col]. */
  private static byte[] pixels(Matrix x, int n) {
    int plane = SIZE * SIZE;
    byte[] out = new byte[Math.multiplyExact(n, CHANNELS * plane)];
    // X(row, col, ch, img) is at row + 32·(col + 32·(ch + 3·img)): each (img, ch) plane is
    // contiguous in both layouts, transposed within
    for (int p = 0; p < n * CHANNELS; p++) {
      int base = p * plane;
      for (int col = 0; col < SIZE; col++) {
        for (int row = 0; row < SIZE; row++) {
          out[base + row * SIZE + col] = x.getByte(base + col * SIZE + row);
        }
      }
    }
    return out;
  }

  private static String names(Mat5File mat) {
    StringBuilder s = new StringBuilder();
    mat.getEntries().forEach(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getName()));
    return s.length() == 0 ? "nothing" : s.toString();
  }

  private static String dims(int[] d) {
    return String.join("×", Arrays.stream(d).mapToObj(Integer::toString).toList());
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.toString();
  }
}
