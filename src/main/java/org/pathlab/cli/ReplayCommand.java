package org.pathlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathlab.daemon.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "replay",
    description = "Rebuild every report (md, json, csv, svg) from a journal file, with no daemon running.")
final class ReplayCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;

  @Option(names = "--journal", required = true,
      description = "the H2 journal file, <data-dir>/journal/pathlab.mv.db (its daemon stopped), or a jdbc:postgresql:// URL "
          + "(user and password from $PATHLAB_JOURNAL_USER and $PATHLAB_JOURNAL_PASSWORD)")
  String journal;

  @Option(names = "--out", required = true, description = "directory for <experiment id>/report.* and figure.svg")
  Path out;

  @Override
  public Integer call() throws Exception {
    OutputDirectory.check(out, "--out"); // created once the journal is found good
    Replay.Result result;
    try {
      result = Replay.run(journal, out);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    } catch (Exception e) {
      CliException journalError = JournalErrors.of(e, journal);
      throw journalError != null ? journalError : e;
    }
    for (Path dir : result.directories()) parent.out.println("wrote " + dir);
    parent.out.printf(Locale.ROOT, "replayed %d experiments, %d events in %.2f s (%.0f events/s; reading and folding the journal %.2f s)%n",
        result.directories().size(), result.events(), result.seconds(), result.events() / Math.max(result.seconds(), 1e-9),
        result.readSeconds());
    return ExitCodes.OK;
  }
}
