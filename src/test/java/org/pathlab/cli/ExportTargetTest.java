package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `export --out` at something that is not a regular file is refused before anything is fetched (issue R, Observed 7). */
class ExportTargetTest {

  @TempDir Path dir;

  @Test
  void aDeviceOrADirectoryIsNoOutputFile() throws Exception {
    for (String target : new String[] {"/dev/null", dir.toString()}) {
      // no daemon at this address: the refusal comes first, so the exit is a usage error, not "no daemon"
      CliRun r = CliRun.of("export", "20261130-120000-abcd", "--arm", "baseline", "--seed", "1", "--out", target,
          "--url", "http://127.0.0.1:9");
      assertEquals(ExitCodes.USAGE, r.code(), r.err());
      assertTrue(r.err().contains("--out " + target + " is not a regular file"), r.err());
    }
    assertTrue(!Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
  }
}
