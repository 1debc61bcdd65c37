package org.pathlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code pathlab}: a thin main; every command runs through {@link #run} so tests need no process. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new PathlabCommand(out, err));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException c) {
        err.println("pathlab: " + c.getMessage());
        err.flush();
        return c.exitCode;
      }
      if (e instanceof IllegalArgumentException) {
        // bad input that a command's code refused (a setting, a file, a value): say what, exit as a usage error
        err.println("pathlab: " + e.getMessage());
        err.flush();
        return ExitCodes.USAGE;
      }
      err.println("pathlab: " + e);
      err.flush();
      return ExitCodes.DAEMON_ERROR;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
