package org.pathlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

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
          shapes[i] = Array.header(in, file + ": x_" + splits[i]).shape();
        }
        Array labels;
        try (InputStream in = zip.getInputStream(y)) {
          labels = Array.read(in, file + ": y_" + splits[i]);
        }
        if (labels.shape.length == 0 || labels.shape[0] != shapes[i][0]) {
          throw new DatasetException(file + ": x_" + splits[i] + " holds " + shapes[i][0] + " images but y_" + splits[i] + " "
              + (labels.shape.length == 0 ? 0 : labels.shape[0]) + " labels; they must be equally long");
        }
        for (int n = 0; n < labels.shape[0]; n++) classes = (int) Math.max(classes, labels.integer(n, file + ": y_" + splits[i]) + 1);
      }
      int[] chw = chw(shapes[0], file + ": x_train");
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

  /** {train, test}, pixels N×C×H×W. */
  public static RawImages[] read(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Map<String, Array> arrays = new HashMap<>();
      for (String name : ARRAYS) {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
          throw new DatasetException(file + " has no array " + name + " (it holds " + names(zip) + "); an npz dataset needs "
              + ARRAYS + ", as numpy.savez(path, x_train=…, y_train=…, x_test=…, y_test=…) writes them");
        }
        try (InputStream in = zip.getInputStream(entry)) {
          arrays.put(name, Array.read(in, file + ": " + name));
        }
      }
      RawImages train = images(file, "train", arrays.get("x_train"), arrays.get("y_train"));
      RawImages test = images(file, "test", arrays.get("x_test"), arrays.get("y_test"));
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

  private static RawImages images(Path file, String split, Array x, Array y) {
    String xs = file + ": x_" + split;
    String ys = file + ": y_" + split;
    if (y.shape.length != 1 && !(y.shape.length == 2 && y.shape[1] == 1)) {
      throw new DatasetException(ys + " has shape " + shape(y.shape) + "; labels must be one integer per image, shape (N,)");
    }
    if (x.shape.length < 3 || x.shape.length > 4) {
      throw new DatasetException(xs + " has shape " + shape(x.shape) + "; images must be N×H×W, N×H×W×C or N×C×H×W");
    }
    int n = (int) x.shape[0];
    if (y.shape[0] != n) {
      throw new DatasetException(file + ": x_" + split + " holds " + n + " images but y_" + split + " " + y.shape[0]
          + " labels; they must be equally long");
    }
    int[] dims = chw(x.shape, xs);
    int c = dims[0];
    int h = dims[1];
    int w = dims[2];
    boolean nchw = x.shape.length == 3 || !(x.shape[3] == 1 || x.shape[3] == 3);
    byte[] pixels = new byte[Math.multiplyExact(n, c * h * w)];
    int plane = h * w;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < c; k++) {
        for (int p = 0; p < plane; p++) {
          long from = nchw ? ((long) i * c + k) * plane + p : ((long) i * plane + p) * c + k;
          pixels[(i * c + k) * plane + p] = x.pixel(from, xs);
        }
      }
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      long label = y.integer(i, ys);
      if (label < 0 || label > 100_000) {
        throw new DatasetException(ys + "[" + i + "] is " + label + "; labels must be class numbers 0, 1, …, K−1");
      }
      labels[i] = (int) label;
    }
    return new RawImages(n, c, h, w, pixels, labels);
  }

  private static String shape(long[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) s.append(i > 0 ? ", " : "").append(shape[i]);
    return s.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** One .npy array: its dtype, shape and little-endian data. */
  private record Array(String dtype, long[] shape, ByteBuffer data) {

    /** The dtype and shape only; no data read. */
    static Array header(InputStream in, String what) throws IOException {
      return read(in, what, false);
    }

    static Array read(InputStream in, String what) throws IOException {
      return read(in, what, true);
    }

    private static Array read(InputStream in, String what, boolean withData) throws IOException {
      byte[] magic = in.readNBytes(8);
      if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
        throw new DatasetException(what + " is not a .npy array (no \\x93NUMPY magic)");
      }
      int major = magic[6];
      byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
      ByteBuffer lb = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
      int headerLength = major == 1 ? lb.getShort() & 0xffff : lb.getInt();
      if (headerLength < 0 || headerLength > 1 << 20) throw new DatasetException(what + ": its .npy header is " + headerLength + " bytes long");
      String header = new String(in.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
      String dtype = group(DESCR, header, what, "descr");
      if (group(FORTRAN, header, what, "fortran_order").equals("True")) {
        throw new DatasetException(what + " is stored in Fortran order; save numpy.ascontiguousarray(a) instead");
      }
      String[] dims = group(SHAPE, header, what, "shape").split(",");
      java.util.List<Long> shape = new java.util.ArrayList<>();
      for (String d : dims) if (!d.isBlank()) shape.add(Long.parseLong(d.strip()));
      long[] s = shape.stream().mapToLong(Long::longValue).toArray();
      long count = 1;
      for (long d : s) count = Math.multiplyExact(count, d);
      int itemSize = itemSize(dtype, what);
      long bytes = Math.multiplyExact(count, itemSize);
      if (bytes > MAX_ARRAY) throw new DatasetException(what + " holds " + bytes + " bytes; pathlab reads arrays of at most 2 GB");
      if (!withData) return new Array(dtype, s, null);
      byte[] data = in.readNBytes((int) bytes);
      if (data.length != bytes) {
        throw new DatasetException(what + " is cut short: its header promises " + bytes + " bytes of data, the file holds " + data.length);
      }
      return new Array(dtype, s, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static String group(Pattern p, String header, String what, String key) {
      Matcher m = p.matcher(header);
      if (!m.find()) throw new DatasetException(what + ": its .npy header has no " + key + " (" + header.strip() + ")");
      return m.group(1);
    }

    private static int itemSize(String dtype, String what) {
      return switch (dtype) {
        case "|u1", "|i1", "|b1" -> 1;
        case "<u2", "<i2" -> 2;
        case "<f4", "<i4", "<u4" -> 4;
        case "<i8", "<u8", "<f8" -> 8;
        default -> throw new DatasetException(what + " has dtype " + dtype + "; images must be uint8 or float32, labels integers "
            + "(little-endian)");
      };
    }

    byte pixel(long index, String what) {
      switch (dtype) {
        case "|u1":
          return data.get((int) index);
        case "<f4": {
          float v = data.getFloat((int) (index * 4));
          if (!(v >= 0f && v <= 1f)) {
            throw new DatasetException(what + " holds " + v + " at flat index " + index + "; float32 images must lie in [0, 1] "
                + "(pathlab stores them at 8 bits); scale them, or save uint8 pixels");
          }
          return (byte) Math.round(v * 255f);
        }
        default:
          throw new DatasetException(what + " has dtype " + dtype + "; images must be uint8 or float32 in [0, 1]");
      }
    }

    long integer(int index, String what) {
      return switch (dtype) {
        case "|u1" -> data.get(index) & 0xff;
        case "|i1" -> data.get(index);
        case "<u2" -> data.getShort(index * 2) & 0xffff;
        case "<i2" -> data.getShort(index * 2);
        case "<i4" -> data.getInt(index * 4);
        case "<u4" -> data.getInt(index * 4) & 0xffffffffL;
        case "<i8", "<u8" -> data.getLong(index * 8);
        default -> throw new DatasetException(what + " has dtype " + dtype + "; labels must be integers");
      };
    }
  }
}
