package org.pathlab.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One round of tiny writes to everything the daemon writes to: a row of the journal database
 * ({@code pathlab_health}, in the schema scripts) and a small file, forced to disk and deleted, in
 * each data directory (checkpoints, reports). Blocking: the monitor runs it off the actors'
 * threads, one round at a time.
 */
public final class StorageProbe implements AutoCloseable {

  /** The journal: how to connect, how messages name it, and what an operator should do when it cannot be written. */
  public record Journal(String url, String user, String password, String name, String advice) {}

  private static final String FILE = ".pathlab-storage-probe";
  private static final int QUERY_TIMEOUT_SECONDS = 5;

  private final Journal journal;
  private final List<Path> directories;
  // reused between rounds; replaced after any failure (an H2 database that failed a write has closed)
  private volatile Connection connection;
  /** A probe round passes it; {@link #close} waits for one in flight, so no probe file appears after the daemon has stopped. */
  private final WriteGate gate = new WriteGate();

  public StorageProbe(Journal journal, List<Path> directories) {
    this.journal = journal;
    this.directories = List.copyOf(directories);
  }

  /** Every problem found, as a sentence naming what failed and what to do; empty when everything can be written. */
  public List<String> probe() {
    // the daemon is stopping: nothing more is written
    return gate.ifOpen(() -> {
      List<String> problems = new ArrayList<>();
      journalProblem().ifPresent(problems::add);
      for (Path directory : directories) directoryProblem(directory).ifPresent(problems::add);
      return problems;
    }).orElse(List.of());
  }

  private Optional<String> journalProblem() {
    try {
      writeJournal();
      return Optional.empty();
    } catch (SQLException first) {
      closeConnection();
      // once more on a new connection: the first may belong to a database that has closed since,
      // and only a new one says why the journal cannot be written (and finds it working again)
      try {
        writeJournal();
        return Optional.empty();
      } catch (SQLException e) {
        closeConnection();
        return Optional.of("the journal could not be written (" + journal.name() + "): " + reason(e) + "; " + journal.advice());
      }
    }
  }

  /** What a supervisor's journal failure means for an operator, in the words of the probe's own findings. */
  String journalFailed(JournalFailed failure) {
    return "the journal could not record experiment " + failure.experimentId() + "'s events (" + journal.name() + "): "
        + failure.reason() + "; " + journal.advice();
  }

  private void writeJournal() throws SQLException {
    Connection c = connection;
    if (c == null) {
      if (gate.isClosed()) throw new SQLException("the storage probe has been closed");
      c = DriverManager.getConnection(journal.url(), journal.user(), journal.password());
      connection = c;
      // closed meanwhile (the daemon stops): an open connection would keep the H2 database open after it
      if (gate.isClosed()) closeConnection();
    }
    try (PreparedStatement update = c.prepareStatement("UPDATE \"pathlab_health\" SET \"checked_at\" = ? WHERE \"id\" = 1")) {
      update.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      update.setLong(1, System.currentTimeMillis());
      if (update.executeUpdate() == 1) return;
    }
    // the row is gone (the schema script inserts it): put it back
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO \"pathlab_health\" (\"id\", \"checked_at\") VALUES (1, ?)")) {
      insert.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      insert.setLong(1, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  private static Optional<String> directoryProblem(Path directory) {
    Path file = directory.resolve(FILE);
    try {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer block = ByteBuffer.allocate(4096);
        while (block.hasRemaining()) channel.write(block);
        channel.force(true);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("the data directory " + directory + " could not be written: " + reason(e)
          + "; free space there (or fix its permissions): checkpoints and report files are written there. "
          + "The daemon goes on by itself once it can write");
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a probe file left behind is 4 KiB at most, and the next round removes it
      }
    }
  }

  /** The innermost cause's message: "No space left on device" rather than the wrappers around it. */
  public static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException ignored) {
      // already unusable: that is why it is closed
    }
  }

  @Override
  /**
   * No round starts after this; one in flight is waited for, up to the time a round on hanging
   * storage takes to give up (then the connection is closed under it).
   */
  public void close() {
    gate.close(java.time.Duration.ofSeconds(2L * QUERY_TIMEOUT_SECONDS), this::closeConnection);
  }
}
