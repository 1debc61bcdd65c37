package org.pathlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.api.ErrorCode;

/** Why a journal could not be read, for {@code replay}: a sentence naming the journal and what to do. */
final class JournalErrors {

  private JournalErrors() {}

  /** The failure as a CliException, or null when no database error caused it. */
  static CliException of(Throwable failure, String journal) {
    SQLException sql = null;
    for (Throwable t = failure; t != null && sql == null; t = t.getCause()) {
      if (t instanceof SQLException s) sql = s;
    }
    if (sql == null) return null;
    if (journal.startsWith("jdbc:")) return postgres(sql, journal);
    return switch (sql.getErrorCode()) {
      case ErrorCode.DATABASE_ALREADY_OPEN_1 -> new CliException(ExitCodes.CONFLICT, "the journal " + journal
          + " is in use by a running daemon; stop it first (`ops/pathlab daemon` stops on Ctrl-C or SIGTERM), or ask it: "
          + "`pathlab report ID` prints a report, `pathlab report --rebuild` rewrites every report file");
      // H2 reports a file it cannot make sense of as an I/O error naming the file
      case ErrorCode.IO_EXCEPTION_1 -> Files.isReadable(Path.of(journal)) ? notH2(journal) : new CliException(ExitCodes.USAGE,
          "cannot read the journal " + journal + ": permission denied; run replay as a user who may read it");
      case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 -> notH2(journal);
      case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1,
          ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2 -> new CliException(ExitCodes.USAGE, "the H2 database "
          + journal + " holds no pathlab journal (no event_journal table); give the daemon's <data-dir>/journal/pathlab.mv.db");
      default -> new CliException(ExitCodes.USAGE, "cannot read the journal " + journal + ": " + firstLine(sql.getMessage())
          + "; give the daemon's <data-dir>/journal/pathlab.mv.db, its daemon stopped");
    };
  }

  private static CliException notH2(String journal) {
    return new CliException(ExitCodes.USAGE, "the journal " + journal + " is not an H2 database this pathlab can read "
        + "(damaged, or written by another H2 version); give the daemon's <data-dir>/journal/pathlab.mv.db, or restore it "
        + "from a backup (docs/operations.md)");
  }

  private static CliException postgres(SQLException sql, String url) {
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    if (state.startsWith("08")) {
      return new CliException(ExitCodes.NO_DAEMON, "cannot connect to the journal " + url + " (" + firstLine(sql.getMessage())
          + "); check that PostgreSQL runs there and the URL names it");
    }
    String what = state.startsWith("28") ? "the journal " + url + " refused the user and password; set $PATHLAB_JOURNAL_USER "
        + "and $PATHLAB_JOURNAL_PASSWORD to the daemon's (conf/postgres.conf)"
        : state.equals("3D000") ? "there is no database " + url + "; give the URL the daemon's pathlab.journal.url names"
        : state.equals("42P01") ? "the database " + url + " holds no pathlab journal (no event_journal table); give the URL "
            + "the daemon's pathlab.journal.url names"
        : "cannot read the journal " + url + ": " + firstLine(sql.getMessage());
    return new CliException(ExitCodes.USAGE, what);
  }

  private static String firstLine(String text) {
    if (text == null) return "no reason given";
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }
}
