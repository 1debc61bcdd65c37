package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What the user reads when a command fails in a way no command foresaw: a sentence and an exit code, never a stack trace. */
class FailuresTest {

  private record Shown(int code, String err) {}

  private static Shown fail(Exception e) {
    StringWriter err = new StringWriter();
    int code = Failures.onFailure(e, new PrintWriter(err));
    return new Shown(code, err.toString());
  }

  @Test
  void anUnforeseenFailureIsAnInternalErrorInOneSentence() {
    Shown s = fail(new IllegalStateException("the queue is closed\n\tat somewhere"));
    assertEquals(ExitCodes.DAEMON_ERROR, s.code());
    assertEquals("pathlab: internal error (IllegalStateException: the queue is closed); this is a bug in pathlab: please report "
        + "it with the command, and PATHLAB_DEBUG=1 prints the stack trace", s.err().strip());
  }

  @Test
  void aWrappedFailureIsReportedAsItsCause() {
    Shown s = fail(new ExecutionException(new CliException(ExitCodes.CONFLICT, "the experiment has ended")));
    assertEquals(ExitCodes.CONFLICT, s.code());
    assertEquals("pathlab: the experiment has ended", s.err().strip());
  }

  @Test
  void aFileThatCannotBeUsedIsNamedWithTheReason() {
    Shown s = fail(new UncheckedIOException(new AccessDeniedException("/srv/pathlab/reports")));
    assertEquals(ExitCodes.USAGE, s.code());
    assertEquals("pathlab: cannot use /srv/pathlab/reports: permission denied; check the path and its permissions", s.err().strip());
  }

  @Test
  void anInvalidConfigurationNamesTheFileAndLine() {
    Exception e;
    try {
      ConfigFactory.parseString("pathlab { port = [ }").resolve();
      throw new AssertionError("parsed");
    } catch (com.typesafe.config.ConfigException c) {
      e = c;
    }
    Shown s = fail(e);
    assertEquals(ExitCodes.USAGE, s.code());
    assertFalse(s.err().contains("ConfigException"), s.err());
    assertTrue(s.err().startsWith("pathlab: the configuration is invalid: String: 1: "), s.err());
    assertTrue(s.err().strip().endsWith("; fix conf/application.conf (or the file $PATHLAB_CONFIG names)"), s.err());
  }

  @Test
  void aMissingConfigurationFileIsNamed() {
    Exception e;
    try {
      ConfigFactory.parseFile(new java.io.File("/nonexistent/application.conf"),
          com.typesafe.config.ConfigParseOptions.defaults().setAllowMissing(false));
      throw new AssertionError("parsed");
    } catch (com.typesafe.config.ConfigException c) {
      e = c;
    }
    Shown s = fail(e);
    assertEquals(ExitCodes.USAGE, s.code());
    assertEquals("pathlab: cannot read the configuration file /nonexistent/application.conf (no such file or directory); "
        + "name an existing file in $PATHLAB_CONFIG (or -Dconfig.file)", s.err().strip());
  }
}
