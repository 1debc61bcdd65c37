package org.pathlab.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of tar archives (POSIX ustar, GNU and PAX headers), enough to stream the
 * regular files out of a dataset's official archive: 512-byte headers with an octal size field
 * (or GNU's base-256 for huge files), contents padded to 512 bytes. Other entry types
 * (directories, links, PAX and GNU extension records) are skipped; member names are taken from
 * the ustar name and prefix fields, which hold the full path for names under 100 characters.
 *
 * <p>Written here rather than taken from commons-compress, which DJL puts on the classpath
 * without its commons-lang3 dependency: its tar entries fail with NoClassDefFoundError on
 * long names.
 */
final class TarReader {

  /** Receives each regular file; {@code content} yields exactly its {@code size} bytes. */
  interface Visitor {
    void file(String name, long size, InputStream content) throws IOException;
  }

  static final int BLOCK = 512;

  private final InputStream in;
  private final byte[] header = new byte[BLOCK];

  private TarReader(InputStream in) {
    this.in = in;
  }

  /**
   * Calls {@code visitor} for each regular file of the archive read from {@code in}, in archive
   * order, until the end-of-archive marker or the end of the stream at a header boundary.
   *
   * @throws EOFException if the stream ends inside a header or a file's contents
   * @throws IOException if a header is damaged or the stream is not a tar archive
   */
  static void forEachFile(InputStream in, Visitor visitor) throws IOException {
    new TarReader(in).run(visitor);
  }

  private void run(Visitor visitor) throws IOException {
    long offset = 0;
    while (true) {
      int got = in.readNBytes(header, 0, BLOCK);
      if (got == 0) {
        return;
      }
      if (got < BLOCK) {
        throw new EOFException("the archive ends inside the header at byte " + offset);
      }
      if (allZero(header)) {
        return; // end-of-archive marker (a second zero block follows)
      }
      checkChecksum(offset);
      long size = size(offset);
      char type = (char) header[156];
      String name = name();
      offset += BLOCK;
      Bounded content = new Bounded(in, size);
      if (type == '0' || type == '\0' || type == '7') {
        visitor.file(name, size, content);
      }
      content.skipRest();
      long padding = (BLOCK - size % BLOCK) % BLOCK;
      skipFully(padding);
      offset += size + padding;
    }
  }

  private void checkChecksum(long offset) throws IOException {
    long stored = octal(148, 8, offset, "checksum");
    long sum = 0;
    long signedSum = 0; // some old tars summed signed bytes
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
      signedSum += (i >= 148 && i < 156) ? ' ' : header[i];
    }
    if (sum != stored && signedSum != stored) {
      throw new IOException(
          "not a tar archive, or a damaged one: the header at byte " + offset + " has checksum "
              + stored + " but its bytes sum to " + sum);
    }
  }

  private long size(long offset) throws IOException {
    if ((header[124] & 0x80) != 0) {
      // GNU base-256: the remaining bits of the 12-byte field, big-endian
      long size = header[124] & 0x7f;
      for (int i = 125; i < 136; i++) {
        if ((size >>> 55) != 0) {
          throw new IOException("the header at byte " + offset + " declares an impossible size");
        }
        size = (size << 8) | (header[i] & 0xff);
      }
      return size;
    }
    return octal(124, 12, offset, "size");
  }

  private long octal(int start, int length, long offset, String field) throws IOException {
    long value = 0;
    boolean digits = false;
    for (int i = start; i < start + length; i++) {
      byte b = header[i];
      if (b == 0 || (b == ' ' && digits)) {
        break;
      }
      if (b == ' ') {
        continue;
      }
      if (b < '0' || b > '7') {
        throw new IOException(
            "not a tar archive, or a damaged one: the " + field + " field of the header at byte "
                + offset + " is not octal");
      }
      value = (value << 3) | (b - '0');
      digits = true;
    }
    return value;
  }

  private String name() {
    String name = field(0, 100);
    boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't'
        && header[260] == 'a' && header[261] == 'r';
    String prefix = ustar ? field(345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private String field(int start, int length) {
    int end = start;
    while (end < start + length && header[end] != 0) {
      end++;
    }
    return new String(header, start, end - start, StandardCharsets.UTF_8);
  }

  private void skipFully(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("the archive ends inside an entry's padding");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The contents of one entry: ends after {@code size} bytes; a short archive is an EOF. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;

    Bounded(InputStream in, long size) {
      this.in = in;
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the archive ends inside an entry, " + left + " bytes short");
      }
      left--;
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buffer, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the archive ends inside an entry, " + left + " bytes short");
      }
      left -= n;
      return n;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), left);
    }

    /** Skips what the visitor left unread. */
    void skipRest() throws IOException {
      byte[] scratch = new byte[8192];
      while (left > 0) {
        read(scratch, 0, (int) Math.min(scratch.length, left));
      }
    }
  }
}
