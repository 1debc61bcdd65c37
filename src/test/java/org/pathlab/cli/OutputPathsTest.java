package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command writes files: a file in the way or a bad value is a sentence and exit 2, not an exception. */
class OutputPathsTest {

  @TempDir Path dir;

  @Test
  void transformsOutThatIsAFileIsNamedAndLeftAlone() throws Exception {
    Path file = Files.writeString(dir.resolve("pictures"), "mine");
    CliRun r = CliRun.of("transforms", "--out", file.toString(), "--images", "1");
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: --out " + file + " is a file, not a directory; give a directory (it is created when missing)",
        r.err().strip());
    assertEquals("mine", Files.readString(file));
  }

  @Test
  void transformsOutBelowAFileSaysWhyItCannotBeCreated() throws Exception {
    Path file = Files.writeString(dir.resolve("pictures"), "mine");
    CliRun r = CliRun.of("transforms", "--out", file.resolve("sub").toString(), "--images", "1");
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: cannot create the directory " + file.resolve("sub") + " (--out): a part of the path is a file, not a directory; "
        + "give a directory you may write to", r.err().strip());
  }

  @Test
  void transformsImagesOutsideOneToTenIsAUsageError() {
    for (String n : new String[] {"0", "-3", "11"}) {
      CliRun r = CliRun.of("transforms", "--out", dir.toString(), "--images", n);
      assertEquals(ExitCodes.USAGE, r.code(), r.err());
      assertEquals("pathlab: --images " + n + ": give 1 to 10 (one image per class)", r.err().strip());
    }
  }

  @Test
  void replayOutThatIsAFileIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("reports"), "mine");
    CliRun r = CliRun.of("replay", "--journal", dir.resolve("pathlab.mv.db").toString(), "--out", file.toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: --out " + file + " is a file, not a directory; give a directory (it is created when missing)",
        r.err().strip());
  }

  @Test
  void replayOfAMissingJournalCreatesNoOutputDirectory() {
    Path out = dir.resolve("reports");
    CliRun r = CliRun.of("replay", "--journal", dir.resolve("nope/pathlab.mv.db").toString(), "--out", out.toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertFalse(Files.exists(out), "nothing written for a command that was refused");
  }

  @Test
  void replayOfAFileThatIsNoJournalSaysSo() throws Exception {
    Path notH2 = Files.writeString(dir.resolve("pathlab.mv.db"), "not a database\n".repeat(500));
    CliRun r = CliRun.of("replay", "--journal", notH2.toString(), "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: the journal " + notH2 + " is not an H2 database this pathlab can read (damaged, or written by "
        + "another H2 version); give the daemon's <data-dir>/journal/pathlab.mv.db, or restore it from a backup "
        + "(docs/operations.md)", r.err().strip());
  }
}
