package org.pathlab.cli;

import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.pathlab.data.DatasetException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that turns a failure into a sentence on stderr and an exit code ({@link ExitCodes}):
 * the user reads what is wrong and what to do, never an exception's class or stack trace (unless
 * PATHLAB_DEBUG is set, for a failure nobody foresaw).
 */
final class Failures {

  private Failures() {}

  /** Bad usage that picocli found: an unknown option, a missing parameter, a value of the wrong type. */
  static int onUsage(ParameterException e, PrintWriter err) {
    CommandLine command = e.getCommandLine();
    boolean hasCommands = command.getSubcommands().keySet().stream().anyMatch(name -> !name.equals("help"));
    String message = lowerFirst(e.getMessage());
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
      // picocli says "Unmatched argument at index 0: 'x'"
      message = (hasCommands ? "unknown command '" : "unexpected argument '") + u.getUnmatched().get(0) + "'";
    }
    if (message.endsWith(".")) message = message.substring(0, message.length() - 1);
    String name = command.getCommandSpec().qualifiedName();
    err.println("pathlab: " + message + "; `" + name + " --help` " + (hasCommands ? "lists the commands" : "shows its usage"));
    UnmatchedArgumentException.printSuggestions(e, err);
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** A command failed while running. */
  static int onFailure(Exception thrown, PrintWriter err) {
    Throwable e = unwrap(thrown);
    int code;
    String message;
    if (e instanceof CliException c) {
      code = c.exitCode;
      message = c.getMessage();
    } else if (e instanceof IllegalArgumentException || e instanceof DatasetException) {
      // bad input that a command's code refused (a setting, a file, a value): its message says what
      code = ExitCodes.USAGE;
      message = e.getMessage();
    } else if (e instanceof ConfigException.IO io) {
      code = ExitCodes.USAGE;
      String reason = io.getCause() instanceof IOException cause ? FileErrors.reason(cause) : io.getMessage();
      message = "cannot read the configuration file " + (io.origin() == null ? "" : io.origin().description()) + " ("
          + reason + "); name an existing file in $PATHLAB_CONFIG (or -Dconfig.file)";
    } else if (e instanceof ConfigException) {
      code = ExitCodes.USAGE;
      message = "the configuration is invalid: " + e.getMessage()
          + "; fix conf/application.conf (or the file $PATHLAB_CONFIG names)";
    } else if (e instanceof FileSystemException f) {
      code = ExitCodes.USAGE;
      message = "cannot use " + f.getFile() + (f.getOtherFile() == null ? "" : " or " + f.getOtherFile()) + ": "
          + FileErrors.reason(f) + "; check the path and its permissions";
    } else {
      code = ExitCodes.DAEMON_ERROR;
      message = "internal error (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))
          + "); this is a bug in pathlab: please report it with the command, and PATHLAB_DEBUG=1 prints the stack trace";
    }
    err.println("pathlab: " + Terminal.safe(message));
    if (debug()) e.printStackTrace(err);
    err.flush();
    return code;
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof ExecutionException || e instanceof CompletionException || e instanceof UncheckedIOException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static boolean debug() {
    String value = System.getenv("PATHLAB_DEBUG");
    return value != null && !value.isBlank() && !value.equals("0");
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end).strip();
  }

  private static String lowerFirst(String text) {
    if (text == null || text.isEmpty()) return "bad usage";
    // keep an acronym or option as written
    if (text.length() > 1 && Character.isUpperCase(text.charAt(1))) return text;
    return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }
}
