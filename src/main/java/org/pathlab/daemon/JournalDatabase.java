package org.pathlab.daemon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the journal, snapshots, projection offsets and read model live: the embedded H2 file under
 * the data directory by default, or a PostgreSQL database ({@code pathlab.journal.url =
 * "jdbc:postgresql://…"}, conf/postgres.conf). The same code and schema run on both.
 */
public record JournalDatabase(String url, String user, String password, String driver, String profile, String schema,
    String projectionDialect) {

  public boolean embedded() {
    return url.startsWith("jdbc:h2:");
  }

  /** The H2 database file ({@code NAME.mv.db}) of a {@code jdbc:h2:file:} URL; empty for PostgreSQL and in-memory H2. */
  public Optional<Path> file() {
    String prefix = "jdbc:h2:file:";
    if (!url.startsWith(prefix)) return Optional.empty();
    int options = url.indexOf(';');
    String base = url.substring(prefix.length(), options < 0 ? url.length() : options);
    return Optional.of(Path.of(base + ".mv.db").toAbsolutePath().normalize());
  }

  /** How messages name this journal: its file, or its URL without parameters (which may hold a password). */
  public String description() {
    return file().map(f -> "the journal file " + f).orElseGet(() -> {
      int query = url.indexOf('?');
      return "the journal database " + (query < 0 ? url : url.substring(0, query));
    });
  }

  /** {@code pathlab.journal} of the configuration, with the H2 file under {@code journalDir} when no URL is set. */
  public static JournalDatabase from(Config pathlab, Path journalDir) {
    String url = pathlab.getString("journal.url");
    if (url.isBlank()) {
      // WRITE_DELAY=0: a commit reaches the file before the journal acknowledges it, so an event that
      // was acknowledged survives the process being killed (H2 would otherwise wait up to 500 ms).
      return h2("jdbc:h2:file:" + journalDir.resolve("pathlab") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new JournalDatabase(url, pathlab.getString("journal.user"), pathlab.getString("journal.password"),
          "org.postgresql.Driver", "slick.jdbc.PostgresProfile$", "/schema/postgres.sql", "postgres-dialect");
    }
    if (url.startsWith("jdbc:h2:")) return h2(url);
    throw new IllegalArgumentException("pathlab.journal.url = " + url
        + ": use a jdbc:postgresql:// URL (conf/postgres.conf), or leave it empty for the embedded H2 file");
  }

  private static JournalDatabase h2(String url) {
    return new JournalDatabase(url, "sa", "", "org.h2.Driver", "slick.jdbc.H2Profile$", "/schema/h2.sql", "h2-dialect");
  }

  /** The persistence plugin's shared database and the projection's dialect, set to this database. */
  public Config pekkoConfig() {
    String db = "pekko-persistence-jdbc.shared-databases.pathlab.";
    Map<String, Object> settings = new HashMap<>(Map.of(
        db + "profile", profile,
        db + "db.url", url,
        db + "db.user", user,
        db + "db.password", password,
        db + "db.driver", driver,
        "pekko.projection.jdbc.dialect", projectionDialect));
    if (embedded()) {
      // After a failed write (a full disk) H2 closes the database, yet its connections still say
      // they are valid; a query on every borrow finds them dead, and the pool's new connection
      // opens the file again once it can be written (Daemon turns off the pool's bypass window).
      settings.put(db + "db.connectionTestQuery", VALIDATION_QUERY);
      // A hole in the journal's order is a write that died with its process, or one not committed
      // yet: the query by tag waits max-tries × query-delay before it goes past one (default 10 s,
      // which every read waited after a SIGKILL). This process is the file's only writer and H2
      // commits in microseconds, so 2 s; the read side's fold still catches a later commit by the
      // experiment's sequence numbers (report.GroupFold). PostgreSQL, shared by nodes, keeps 10 s.
      settings.put("jdbc-read-journal.journal-sequence-retrieval.max-tries", 2);
    }
    return ConfigFactory.parseMap(settings);
  }

  /** What a connection pool runs to tell a live H2 connection from one whose database has closed. */
  private static final String VALIDATION_QUERY = "SELECT 1";
}
