package org.pathlab.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Dataset files a hostile colleague would write, made in the test that uses them (none is committed). */
public final class HostileFiles {

  private HostileFiles() {}

  /** A PNG signature and IHDR chunk declaring the size, then IEND: a header that promises an image. */
  public static byte[] pngHeader(int width, int height) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, ihdr.array());
    chunk(out, "IEND".getBytes(StandardCharsets.US_ASCII));
    return bytes.toByteArray();
  }

  private static void chunk(DataOutputStream out, byte[] typeAndData) throws Exception {
    out.writeInt(typeAndData.length - 4);
    out.write(typeAndData);
    CRC32 crc = new CRC32();
    crc.update(typeAndData);
    out.writeInt((int) crc.getValue());
  }

  /** One .npy array with {@code shape} written as numpy writes a tuple, e.g. "(3, 28, 28)"; the data as given. */
  public static byte[] npy(String dtype, String shape, byte[] data) {
    String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
    String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
    ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
    return out.put(header.getBytes(StandardCharsets.US_ASCII)).put(data).array();
  }

  /** An npz file whose train and test splits both hold {@code x} and {@code y}. */
  public static Path npz(Path file, byte[] x, byte[] y) throws Exception {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (String split : new String[] {"train", "test"}) {
        zip.putNextEntry(new ZipEntry("x_" + split + ".npy"));
        zip.write(x);
        zip.putNextEntry(new ZipEntry("y_" + split + ".npy"));
        zip.write(y);
      }
    }
    return file;
  }
}
