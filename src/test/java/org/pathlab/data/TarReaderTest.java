package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class TarReaderTest {

  @Test
  void readsRegularFilesAndSkipsTheRest() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("dir/a.bin", bytes(1000));
    files.put("dir/readme.html", "<html/>".getBytes(StandardCharsets.US_ASCII));
    files.put("dir/empty", new byte[0]);
    files.put("b.bin", bytes(512));
    byte[] tar = gunzip(DatasetFiles.tarGz(files));

    Map<String, byte[]> read = new LinkedHashMap<>();
    TarReader.forEachFile(
        new ByteArrayInputStream(tar),
        (name, size, content) -> {
          byte[] all = content.readAllBytes();
          assertEquals(size, all.length);
          read.put(name, all);
        });
    assertEquals(List.copyOf(files.keySet()), List.copyOf(read.keySet()));
    for (String name : files.keySet()) {
      assertArrayEquals(files.get(name), read.get(name), name);
    }

    // a visitor that reads nothing still sees every file in turn: the reader skips the contents
    List<String> names = new ArrayList<>();
    TarReader.forEachFile(new ByteArrayInputStream(tar), (name, size, content) -> names.add(name));
    assertEquals(List.copyOf(files.keySet()), names);
  }

  @Test
  void damagedHeaderAndCutArchiveAreReported() throws IOException {
    byte[] tar = gunzip(DatasetFiles.tarGz(Map.of("x/data.bin", bytes(3000))));
    byte[] damaged = tar.clone();
    damaged[TarReader.BLOCK + 10] ^= 0x40; // a name byte of the file's header
    IOException e =
        assertThrows(
            IOException.class,
            () -> TarReader.forEachFile(new ByteArrayInputStream(damaged), (n, s, c) -> { }));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());

    byte[] cut = Arrays.copyOf(tar, 2 * TarReader.BLOCK + 100);
    assertThrows(
        EOFException.class,
        () -> TarReader.forEachFile(new ByteArrayInputStream(cut), (n, s, c) -> c.readAllBytes()));
    assertThrows(
        EOFException.class,
        () -> TarReader.forEachFile(new ByteArrayInputStream(cut), (n, s, c) -> { }));
    byte[] midHeader = Arrays.copyOf(tar, 100);
    assertThrows(
        EOFException.class,
        () -> TarReader.forEachFile(new ByteArrayInputStream(midHeader), (n, s, c) -> { }));
  }

  @Test
  void gnuBase256SizeIsRead() throws IOException {
    byte[] tar = gunzip(DatasetFiles.tarGz(Map.of("f", bytes(700))));
    // rewrite the size field as GNU's binary form: 0x80, then 700 big-endian
    Arrays.fill(tar, 124, 136, (byte) 0);
    tar[124] = (byte) 0x80;
    tar[134] = (byte) (700 >> 8);
    tar[135] = (byte) (700 & 0xff);
    fixChecksum(tar);
    long[] seen = new long[1];
    TarReader.forEachFile(
        new ByteArrayInputStream(tar), (name, size, content) -> seen[0] = size);
    assertEquals(700, seen[0]);
  }

  private static void fixChecksum(byte[] header) {
    Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (int i = 0; i < TarReader.BLOCK; i++) {
      sum += header[i] & 0xff;
    }
    byte[] digits = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, header, 148, 6);
    header[154] = 0;
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
