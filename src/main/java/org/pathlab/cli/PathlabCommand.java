package org.pathlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

@Command(
    name = "pathlab",
    mixinStandardHelpOptions = true,
    // -h/--help and -V/--version on every command and subcommand, not only on `pathlab` itself
    scope = ScopeType.INHERIT,
    version = "pathlab 0.1.0",
    description = "Trains neural networks along learning paths and reports each path's gap to the baseline.",
    subcommands = {
      DaemonCommand.class, SubmitCommand.class, StatusCommand.class, WatchCommand.class, ReportCommand.class, CancelCommand.class,
      ScenarioCommand.class, CompareCommand.class, TagCommand.class, NoteCommand.class, ExportCommand.class,
      ArchiveCommand.class, ArchiveCommand.Restore.class, DevicesCommand.class, ValidateCommand.class, ReplayCommand.class, ReanalyseCommand.class,
      TransformsCommand.class, DatasetsCommand.class, HelpCommand.class
    },
    footer = {
      "",
      "`pathlab help COMMAND` or `pathlab COMMAND --help` shows a command's usage.",
      "",
      "Exit codes: 0 ok · 1 some runs diverged or failed",
      "            2 bad usage or invalid scenario · 3 no daemon reachable",
      "            4 no such experiment",
      "            5 the daemon reported an error (or the CLI an internal one)",
      "            6 conflict with the state of an experiment or the journal",
      "            (cancelling one that has ended, replaying a journal a daemon holds)",
      "            7 the daemon requires an API token and none or a wrong one was given"
    })
final class PathlabCommand implements Runnable {

  final PrintWriter out;
  final PrintWriter err;

  PathlabCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    throw new CliException(ExitCodes.USAGE, "name a command; `pathlab --help` lists them");
  }
}
