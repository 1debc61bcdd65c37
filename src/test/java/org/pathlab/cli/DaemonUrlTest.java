package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A password in --url is refused and never echoed (issue R, Observed 17). */
class DaemonUrlTest {

  @Test
  void aUserAndPasswordInTheAddressAreRefusedWithoutShowingThem() {
    for (String url : new String[] {"http://user:s3cret@127.0.0.1:9", "ftp://user:s3cret@127.0.0.1:9", "http://user:s3cret@"}) {
      CliException e = assertThrows(CliException.class, () -> DaemonUrl.check(url));
      assertEquals(ExitCodes.USAGE, e.exitCode);
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
      assertTrue(e.getMessage().contains("…@"), e.getMessage());
    }
    assertEquals("http://127.0.0.1:7471", DaemonUrl.check("http://127.0.0.1:7471"));
    assertEquals("https://h/…", DaemonUrl.shown("https://h/…"), "nothing to redact");
  }

  @Test
  void noCommandEchoesThePassword() {
    for (String[] args : new String[][] {{"status", "--url", "http://u:s3cret@127.0.0.1:9"},
        {"validate", "scenarios/quickstart.conf", "--url", "http://u:s3cret@127.0.0.1:9"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(ExitCodes.USAGE, r.code(), r.err() + r.out());
      assertFalse((r.err() + r.out()).contains("s3cret"), r.err() + r.out());
    }
  }
}
