package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Text the CLI prints from elsewhere cannot steer a terminal (issue R, Observed 5). */
class TerminalTest {

  @Test
  void escapesC0C1AndBidiControlsAndKeepsEverythingElse() {
    assertEquals("name\\u001B]0;X\\u0007 \\u009B2J \\u202Eabc", Terminal.safe("name\u001b]0;X\u0007 \u009b2J \u202eabc"));
    assertEquals("two\nlines\ttab", Terminal.safe("two\nlines\ttab"));
    assertEquals("one\\u000Aline\\u000D", Terminal.line("one\nline\r"));
    String plain = "blur→sharp · 3/4 tasks (ünïcode)";
    assertSame(plain, Terminal.safe(plain), "plain text is returned as it is");
  }

  @Test
  void anErrorMessageFromADaemonIsPrintedEscaped() {
    java.io.StringWriter err = new java.io.StringWriter();
    Failures.onFailure(new CliException(ExitCodes.DAEMON_ERROR, "bad \u001b[2Jthing"), new java.io.PrintWriter(err));
    assertEquals("pathlab: bad \\u001B[2Jthing", err.toString().strip());
  }
}
