package org.pathlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pathlab.report.CsvReanalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "reanalyse", description = "Analyse a report's CSV again with today's statistics (no daemon, no journal): every "
    + "arm against the baseline or --against ARM, on loss and accuracy, paired by seed where the CSV proves equal starts.")
final class ReanalyseCommand implements Callable<Integer> {

  /** A report CSV is a few hundred rows; anything far larger is the wrong file. */
  private static final long MAX_BYTES = 64L << 20;

  @ParentCommand PathlabCommand parent;

  @Parameters(paramLabel = "FILE", description = "a report CSV (`pathlab report ID --format csv`, docs/results/**/*.csv)")
  Path file;

  @Option(names = "--against", paramLabel = "ARM", description = "the reference arm (default: the baseline)")
  String against;

  @Option(names = "--assume-paired", description = "for CSVs written before initial weights were recorded: pair by seed anyway, "
      + "saying so (pathlab draws a run's initial weights from its seed and model alone)")
  boolean assumePaired;

  @Override
  public Integer call() {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) throw new CliException(ExitCodes.USAGE, file + " is " + Files.size(file) + " bytes; a report CSV is far smaller");
      text = Files.readString(file);
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
    try {
      parent.out.print(CsvReanalysis.markdown(text, file.toString(), against, assumePaired));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    return ExitCodes.OK;
  }
}
