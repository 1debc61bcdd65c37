package org.pathlab.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code pathlab}: a thin main; every command runs through {@link #run} so tests need no process. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // Logging starts here, on one thread: started by several at once (replay's pool, the actor
    // system), SLF4J would warn on stderr that it replayed calls made during its initialization.
    LoggerFactory.getILoggerFactory();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new PathlabCommand(out, err));
    // `pathlab tag ID +x -y`: -y removes a tag; it is not an option
    cli.getSubcommands().get("tag").setUnmatchedOptionsArePositionalParams(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, arguments) -> Failures.onUsage(e, err));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> Failures.onFailure(e, err));
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
