package org.pathlab.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.cli.CliRun;
import org.pathlab.cli.ExitCodes;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * A journal file the daemon did not write — empty, not a database, or another program's H2
 * database — is refused at start with a message that names it, and not a byte of it changes; no
 * file at all is a fresh data directory, which starts.
 */
@Tag("slow")
class JournalFileTest {

  @TempDir Path dir;

  private Path journalFile(Path data) throws Exception {
    Files.createDirectories(data.resolve("journal"));
    return data.resolve("journal/pathlab.mv.db");
  }

  /** Starts a daemon on {@code data}, expects the refusal, and returns its message; the file must be unchanged. */
  private String refused(Path data, Path file) throws Exception {
    byte[] before = Files.readAllBytes(file);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestDaemons.start(data).close());
    assertArrayEquals(before, Files.readAllBytes(file), "the journal file was changed");
    assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains("Restore the journal from a backup, or move the file away"), "says what to do: " + e.getMessage());
    assertEquals(List.of("daemon.lock", "journal"), list(data), "nothing else was created");
    return e.getMessage();
  }

  private static List<String> list(Path data) throws Exception {
    try (var files = Files.list(data)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("checkpoints")).sorted().toList();
    }
  }

  @Test
  void anEmptyJournalFileIsRefusedAndLeftAsItIs() throws Exception {
    Path data = dir.resolve("var");
    Path file = journalFile(data);
    Files.write(file, new byte[0]);
    assertTrue(refused(data, file).contains("is empty (0 bytes)"));
    assertEquals(0, Files.size(file));
  }

  @Test
  void aFileThatIsNoDatabaseIsRefused() throws Exception {
    Path data = dir.resolve("var");
    Path file = journalFile(data);
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    Files.write(file, noise);
    assertTrue(refused(data, file).contains("is not an H2 database pathlab can open"));
  }

  @Test
  void anotherProgramsH2DatabaseIsRefused() throws Exception {
    Path data = dir.resolve("var");
    Path file = journalFile(data);
    String base = file.toString().substring(0, file.toString().length() - ".mv.db".length());
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "")) {
      c.createStatement().execute("CREATE TABLE invoices (id INT PRIMARY KEY, amount DECIMAL(10, 2))");
      c.createStatement().execute("INSERT INTO invoices VALUES (1, 9.99)");
    }
    String message = refused(data, file);
    assertTrue(message.contains("without pathlab's journal (its tables: INVOICES)"), message);
  }

  @Test
  void theCliShowsTheRefusalAsOneLineWithExitCode5() throws Exception {
    Path data = dir.resolve("var");
    Path file = journalFile(data);
    Files.write(file, new byte[0]);
    CliRun run = CliRun.of("daemon", "--data-dir", data.toString(), "--port", "0");
    assertEquals(ExitCodes.DAEMON_ERROR, run.code(), run.err());
    assertEquals("", run.out());
    assertEquals(1, run.err().strip().lines().count(), "one line, no stack trace: " + run.err());
    assertTrue(run.err().startsWith("pathlab: the journal file " + file + " is empty"), run.err());
    assertEquals(0, Files.size(file));
  }

  @Test
  void aFreshDataDirectoryStartsAndItsOwnJournalIsAcceptedAtTheNextStart() throws Exception {
    Path data = dir.resolve("var");
    for (int start = 1; start <= 2; start++) {
      try (Daemon daemon = TestDaemons.start(data)) {
        HttpResponse<String> health = new DaemonHttp(daemon.port()).getRaw("/api/health");
        assertEquals(200, health.statusCode(), "start " + start + ": " + health.body());
      }
      assertTrue(Files.size(data.resolve("journal/pathlab.mv.db")) > 0);
    }
    assertFalse(Files.exists(data.resolve(".pathlab-storage-probe")), "the storage probe leaves no file behind");
  }
}
