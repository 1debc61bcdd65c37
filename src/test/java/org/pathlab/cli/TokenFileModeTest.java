package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token file others can read is used, with a warning (the daemon itself refuses one). */
class TokenFileModeTest {

  @TempDir Path dir;

  @Test
  void aWorldReadableTokenFileIsUsedWithAWarningAndAPrivateOneSilently() throws Exception {
    Path token = Files.writeString(dir.resolve("api-token"), "a".repeat(64) + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
    // nothing listens on port 9: the warning comes before the connection is tried
    CliRun open = CliRun.of("status", "--url", "http://127.0.0.1:9", "--token-file", token.toString());
    assertTrue(open.err().startsWith("warning: the token file " + token + " can be read by every account (mode 0644): whoever reads it"
        + " can use the daemon as you; chmod 600 it\n"), open.err());
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    CliRun closed = CliRun.of("status", "--url", "http://127.0.0.1:9", "--token-file", token.toString());
    assertFalse(closed.err().contains("warning"), closed.err());
  }
}
