package org.pathlab.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks at an existing embedded journal file before the daemon opens it for writing. H2 turns an
 * empty file into a new database, and the schema script would add pathlab's tables to any H2
 * database: either way a journal restored wrongly, or another program's file, would be replaced
 * or changed without a word. Such a file is refused with a message naming it, and left as it is.
 * No file at all is a fresh data directory: the daemon creates the journal.
 */
final class JournalFile {

  /** H2's code for a database file another process has open. */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  private JournalFile() {}

  /** Throws {@link IllegalStateException} with what is wrong and what to do when the journal file is not one pathlab can use. */
  static void check(JournalDatabase journal) {
    Path file = journal.file().orElse(null);
    if (file == null || !Files.exists(file)) return;
    long size;
    try {
      size = Files.size(file);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the journal file " + file + " cannot be read (" + e.getMessage()
          + "); check its permissions (the daemon's user must read and write it)", e);
    }
    if (size == 0) {
      throw refused(file, "is empty (0 bytes), so it holds no journal (an interrupted copy or restore?)");
    }
    List<String> tables = tables(file);
    if (!tables.isEmpty() && !tables.contains("event_journal")) {
      throw refused(file, "is an H2 database without pathlab's journal (its tables: " + String.join(", ", tables)
          + "), so it belongs to another program");
    }
  }

  /** The tables of the file's database, opened read-only so that not a byte of it changes. */
  private static List<String> tables(Path file) {
    String name = file.toString();
    String base = name.substring(0, name.length() - ".mv.db".length());
    // read-only, only an existing file, and no trace file written next to it on errors
    String url = "jdbc:h2:file:" + base + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;TRACE_LEVEL_FILE=0";
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet rows = c.createStatement().executeQuery(
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
      while (rows.next()) tables.add(rows.getString(1));
      return tables;
    } catch (SQLException e) {
      if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        throw new IllegalStateException("the journal file " + file + " is open in another program (" + firstLine(e)
            + "); stop that program, then start the daemon again", e);
      }
      throw refused(file, "is not an H2 database pathlab can open (H2 says: " + firstLine(e) + ")");
    }
  }

  private static IllegalStateException refused(Path file, String why) {
    return new IllegalStateException("the journal file " + file + " " + why + "; the daemon will not replace it and has "
        + "left it untouched. Restore the journal from a backup, or move the file away to start a new, empty journal "
        + "(the experiments it held are then no longer known)");
  }

  private static String firstLine(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
