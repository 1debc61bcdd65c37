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

  /**
   * Where {@code pathlab bench} comes from: the benchmarks are compiled apart (src/bench/java) into
   * target/pathlab-bench.jar, which ops/pathlab puts on the class path for {@code bench} only.
   */
  static final String BENCH = "org.pathlab.bench.BenchCommand";

  /** The command tree: every command, and {@code bench} when the benchmarks are on the class path. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new PathlabCommand(out, err));
    try {
      cli.addSubcommand(Class.forName(BENCH).getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      // a product without the benchmarks: `pathlab bench` is an unknown command
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + BENCH, e);
    }
    return cli;
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine(out, err);
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
