package org.pathlab.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content-addressed parameter files: {@code <sha256>.params}. Written atomically (temp file,
 * fsync, rename), so a crash leaves either no file or a whole one.
 */
public final class Checkpoints {

  private final Path directory;

  public Checkpoints(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code bytes} and returns the file name, which is also its content hash plus ".params". */
  public String write(byte[] bytes) throws IOException {
    Files.createDirectories(directory);
    String hash = sha256(bytes);
    String name = hash + ".params";
    Path target = directory.resolve(name);
    if (Files.exists(target) && sha256(Files.readAllBytes(target)).equals(hash)) {
      return name;
    }
    Path temp = Files.createTempFile(directory, ".write-", ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(bytes));
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return name;
  }

  /** Reads a checkpoint, refusing one that is missing or does not hash to {@code expectedSha256}. */
  public byte[] read(String name, String expectedSha256) throws CheckpointException {
    Path file = directory.resolve(name).normalize();
    if (!file.startsWith(directory.normalize())) {
      throw new CheckpointException("checkpoint name " + name + " points outside " + directory);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + file + " cannot be read (" + e + ")");
    }
    String actual = sha256(bytes);
    if (!actual.equals(expectedSha256)) {
      throw new CheckpointException(
          "checkpoint " + file + " has SHA-256 " + actual + " but the journal recorded " + expectedSha256);
    }
    return bytes;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
