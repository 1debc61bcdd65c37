package org.pathlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code .npy} array of an npz file: its header (dtype, shape) checked before any data is
 * read, then either its data held (labels, bounded by {@link #MAX_LABEL_BYTES}) or its elements
 * streamed to a consumer (images, which are never held twice). Sizes come from the header, which
 * anyone can write: every product is checked, and a stream that ends early is named.
 */
record NpyArray(String dtype, long[] shape, long count, int itemSize, ByteBuffer data) {

  /** Labels are one integer per image: 64 MiB holds 8 million of them at 8 bytes. */
  static final long MAX_LABEL_BYTES = 64L << 20;

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Reads the header; the stream is left at the first byte of data. */
  static NpyArray header(InputStream in, String what) throws IOException {
    byte[] magic = in.readNBytes(8);
    if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
      throw new DatasetException(what + " is not a .npy array (no \\x93NUMPY magic)");
    }
    int major = magic[6];
    byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
    ByteBuffer lb = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = lengthBytes.length < (major == 1 ? 2 : 4) ? -1 : major == 1 ? lb.getShort() & 0xffff : lb.getInt();
    if (headerLength < 0 || headerLength > 1 << 20) throw new DatasetException(what + ": its .npy header is " + headerLength + " bytes long");
    String header = new String(in.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
    String dtype = group(DESCR, header, what, "descr");
    if (group(FORTRAN, header, what, "fortran_order").equals("True")) {
      throw new DatasetException(what + " is stored in Fortran order; save numpy.ascontiguousarray(a) instead");
    }
    List<Long> dims = new ArrayList<>();
    for (String d : group(SHAPE, header, what, "shape").split(",")) {
      if (d.isBlank()) continue;
      long n;
      try {
        n = Long.parseLong(d.strip());
      } catch (NumberFormatException e) {
        throw new DatasetException(what + ": its .npy header's shape holds '" + d.strip() + "', not a whole number");
      }
      if (n < 0) throw new DatasetException(what + ": its .npy header's shape holds " + n + "; a dimension cannot be negative");
      dims.add(n);
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    int itemSize = itemSize(dtype, what);
    long count = 1;
    try {
      for (long d : shape) count = Math.multiplyExact(count, d);
      Math.multiplyExact(count, itemSize);
    } catch (ArithmeticException e) {
      throw new DatasetException(what + ": its .npy header declares the shape " + NpzImages.shape(shape)
          + ", more elements than any file can hold");
    }
    return new NpyArray(dtype, shape, count, itemSize, null);
  }

  /** Reads the header and the data of a label array, refused above {@link #MAX_LABEL_BYTES}. */
  static NpyArray labels(InputStream in, String what) throws IOException {
    NpyArray a = header(in, what);
    long bytes = a.count * a.itemSize;
    if (bytes > MAX_LABEL_BYTES) {
      throw new DatasetException(what + " holds " + bytes + " bytes; a label array may hold at most " + MAX_LABEL_BYTES
          + " (64 MiB): labels are one integer per image");
    }
    byte[] data = in.readNBytes((int) bytes);
    if (data.length != bytes) throw cutShort(what, bytes, data.length);
    return new NpyArray(a.dtype, a.shape, a.count, a.itemSize, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
  }

  /** What receives each element of an image array, in storage order. */
  interface Pixels {
    void accept(long index, byte value);
  }

  /** Streams this array's data (read after {@link #header}) as 8-bit pixels, in storage order. */
  void pixels(InputStream in, String what, Pixels out) throws IOException {
    if (!dtype.equals("|u1") && !dtype.equals("<f4")) {
      throw new DatasetException(what + " has dtype " + dtype + "; images must be uint8 or float32 in [0, 1]");
    }
    byte[] buffer = new byte[(1 << 16) / itemSize * itemSize];
    ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
    long index = 0;
    while (index < count) {
      int want = (int) Math.min(buffer.length, (count - index) * itemSize);
      int got = in.readNBytes(buffer, 0, want);
      if (got < want) throw cutShort(what, count * itemSize, index * itemSize + got);
      for (int at = 0; at < want; at += itemSize, index++) {
        if (itemSize == 1) {
          out.accept(index, buffer[at]);
        } else {
          float v = view.getFloat(at);
          if (!(v >= 0f && v <= 1f)) {
            throw new DatasetException(what + " holds " + v + " at flat index " + index + "; float32 images must lie in [0, 1] "
                + "(pathlab stores them at 8 bits); scale them, or save uint8 pixels");
          }
          out.accept(index, (byte) Math.round(v * 255f));
        }
      }
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

  private static DatasetException cutShort(String what, long promised, long held) {
    return new DatasetException(what + " is cut short: its header promises " + promised + " bytes of data, the file holds " + held);
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
}
