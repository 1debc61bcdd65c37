package org.pathlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pathlab.scenario.Scenario;
import org.pathlab.scenario.ScenarioException;
import org.pathlab.scenario.ScenarioParser;

/** Reading scenario files on the CLI's side, with errors that name the file and line. */
final class Scenarios {

  record Read(String text, Scenario scenario) {}

  private Scenarios() {}

  static Read read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.USAGE, "no scenario file " + file + "; ready ones are in scenarios/");
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
    try {
      return new Read(text, ScenarioParser.parse(text, file.toString()));
    } catch (ScenarioException e) {
      throw new CliException(ExitCodes.USAGE, "invalid scenario:\n  " + String.join("\n  ", e.problems()));
    }
  }
}
