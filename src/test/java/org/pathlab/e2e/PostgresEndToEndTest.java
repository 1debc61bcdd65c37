package org.pathlab.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The end-to-end tests again, with the journal, snapshots, projection offsets and read model in a
 * real PostgreSQL server (a fresh database per test) instead of the H2 file. `.ci/run` installs and
 * starts the server and creates the role; elsewhere, set $PATHLAB_TEST_POSTGRES (an admin JDBC URL
 * with user and password whose role may create databases).
 */
@Tag("slow")
class PostgresEndToEndTest extends DaemonEndToEndTest {

  static final String SERVER = System.getenv().getOrDefault(
      "PATHLAB_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/postgres?user=pathlab&password=pathlab");

  private String database;

  /** Creates an empty database on the test server; fails with what to do when there is none. */
  static String createDatabase() {
    String name = "pathlab_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("these tests need a PostgreSQL server at " + SERVER + " (" + e.getMessage()
          + "); .ci/run installs and starts one, or set $PATHLAB_TEST_POSTGRES", e);
    }
    return name;
  }

  static void dropDatabase(String name) {
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // best effort: a test database left behind is harmless
    }
  }

  static String url(String database) {
    return SERVER.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
  }

  @BeforeEach
  void createDatabaseForTheTest() {
    database = createDatabase();
  }

  @AfterEach
  void theEventsWentToPostgresThenDropTheDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(url(database)); Statement s = c.createStatement();
        var rows = s.executeQuery("SELECT COUNT(*) FROM event_journal")) {
      rows.next();
      org.junit.jupiter.api.Assertions.assertTrue(rows.getLong(1) > 0, "the daemon's events are in PostgreSQL");
    } finally {
      dropDatabase(database);
    }
    org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(dir.resolve("var/journal/pathlab.mv.db")),
        "and no H2 journal file was written");
  }

  @Override
  protected Map<String, Object> journalConfig() {
    // user and password travel in the URL's parameters
    return Map.of("pathlab.journal.url", url(database));
  }

  @Override
  protected String replayJournal(Path dataDir) {
    return url(database);
  }
}
