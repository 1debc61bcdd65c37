package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/** Writes small files in the exact official formats of the datasets, for the reader tests. */
final class DatasetFiles {

  /** A pixel value chosen from its position, so that any misplacement shows. */
  interface Pixel {
    int at(int n, int c, int h, int w);
  }

  /** Pixels that differ in every coordinate, and wrap through all 256 byte values. */
  static final Pixel PATTERN = (n, c, h, w) -> (n * 37 + c * 101 + h * 7 + w * 3 + 1) & 0xff;

  private DatasetFiles() {}

  static byte[] idxImages(int count, int rows, int cols, Pixel pixel) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxFiles.IMAGES_MAGIC);
    out.writeInt(count);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int n = 0; n < count; n++) {
      for (int h = 0; h < rows; h++) {
        for (int w = 0; w < cols; w++) {
          out.writeByte(pixel.at(n, 0, h, w));
        }
      }
    }
    return bytes.toByteArray();
  }

  static byte[] idxLabels(int... labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxFiles.LABELS_MAGIC);
    out.writeInt(labels.length);
    for (int label : labels) {
      out.writeByte(label);
    }
    return bytes.toByteArray();
  }

  /**
   * A CIFAR-10 binary batch: per record one label byte, then the red, green and blue planes, each
   * row-major 32×32. Image {@code n} of the batch is image {@code first + n} of {@code pixel}.
   */
  static byte[] cifarBatch(int first, int[] labels, Pixel pixel) {
    byte[] out = new byte[labels.length * Cifar10.RECORD_BYTES];
    int k = 0;
    for (int n = 0; n < labels.length; n++) {
      out[k++] = (byte) labels[n];
      for (int c = 0; c < 3; c++) {
        for (int h = 0; h < 32; h++) {
          for (int w = 0; w < 32; w++) {
            out[k++] = (byte) pixel.at(first + n, c, h, w);
          }
        }
      }
    }
    return out;
  }

  /**
   * A gzipped POSIX ustar archive holding {@code files} in order, as GNU tar writes it: a
   * directory entry before each folder's first file, a PAX extended header before each file
   * named {@code readme.html} (to be skipped), two zero blocks, padding to 10240 bytes.
   */
  static byte[] tarGz(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    Set<String> dirs = new HashSet<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      int slash = name.lastIndexOf('/');
      if (slash > 0 && dirs.add(name.substring(0, slash + 1))) {
        tarEntry(tar, name.substring(0, slash + 1), '5', new byte[0]);
      }
      if (name.endsWith("readme.html")) {
        byte[] pax = "30 mtime=1244738925.123456789\n".getBytes(StandardCharsets.US_ASCII);
        tarEntry(tar, "PaxHeaders.1/readme.html", 'x', pax);
      }
      tarEntry(tar, name, '0', file.getValue());
    }
    tar.write(new byte[2 * 512]);
    tar.write(new byte[(10240 - tar.size() % 10240) % 10240]);
    return gzip(tar.toByteArray());
  }

  private static void tarEntry(ByteArrayOutputStream tar, String name, char type, byte[] data)
      throws IOException {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, type == '5' ? "0000755" : "0000644");
    put(h, 108, "0001750");
    put(h, 116, "0001750");
    put(h, 124, String.format("%011o", data.length));
    put(h, 136, String.format("%011o", 1244738925L));
    put(h, 148, "        ");
    h[156] = (byte) type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    put(h, 265, "kriz");
    put(h, 297, "kriz");
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    tar.write(h);
    tar.write(data);
    tar.write(new byte[(512 - data.length % 512) % 512]);
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  static void assertMentions(Exception e, String... parts) {
    for (String part : parts) {
      assertTrue(
          e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
    }
  }

  /** Byte offset of (n, c, h, w) in an N×C×H×W pixel array. */
  static int at(RawImages r, int n, int c, int h, int w) {
    return ((n * r.channels() + c) * r.height() + h) * r.width() + w;
  }
}
