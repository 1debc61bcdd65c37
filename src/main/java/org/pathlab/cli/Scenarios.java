package org.pathlab.cli;

import java.nio.file.Path;
import org.pathlab.scenario.Scenario;
import org.pathlab.scenario.ScenarioException;
import org.pathlab.scenario.ScenarioParser;

/** Reading scenario files on the CLI's side, with errors that name the file and line. */
final class Scenarios {

  record Read(String text, Scenario scenario) {}

  private Scenarios() {}

  static Read read(Path file) {
    String text = ScenarioFile.read(file);
    try {
      return new Read(text, ScenarioParser.parse(text, file.toString()));
    } catch (ScenarioException e) {
      throw new CliException(ExitCodes.USAGE, "invalid scenario:\n  " + String.join("\n  ", e.problems()));
    }
  }
}
