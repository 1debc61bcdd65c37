package org.pathlab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Hex digests of files, read in 64 KiB chunks: the datasets run to hundreds of MB and must never be
 * held in memory whole just to be checked.
 */
final class Digests {

  static final String MD5 = "MD5";
  static final String SHA_256 = "SHA-256";

  private static final int BUFFER = 1 << 16;

  private Digests() {}

  /** The digest of {@code file}'s bytes as stored. */
  static String ofFile(Path file, String algorithm) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in, algorithm);
    }
  }

  /**
   * The digest of {@code file}'s content: decompressed first if its name ends in {@code .gz}, so a
   * raw file and any gzip of it give the same digest. A damaged gzip stream throws a {@link
   * java.util.zip.ZipException} or {@link java.io.EOFException}.
   */
  static String ofContent(Path file, String algorithm) throws IOException {
    if (!file.getFileName().toString().endsWith(".gz")) {
      return ofFile(file, algorithm);
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = new GZIPInputStream(new BufferedInputStream(raw, BUFFER), BUFFER)) {
      return of(in, algorithm);
    }
  }

  private static String of(InputStream in, String algorithm) throws IOException {
    MessageDigest digest = newDigest(algorithm);
    byte[] buffer = new byte[BUFFER];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // every Java platform must provide MD5 and SHA-256
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }
}
