package org.pathlab.cli;

import java.nio.file.Path;
import org.pathlab.scenario.Scenario;
import org.pathlab.scenario.ScenarioException;
import org.pathlab.scenario.Roots;
import org.pathlab.scenario.ScenarioLimits;
import org.pathlab.scenario.ScenarioParser;

/** Reading scenario files on the CLI's side, with errors that name the file and line. */
final class Scenarios {

  record Read(String text, Scenario scenario) {}

  private Scenarios() {}

  /** Read to be submitted: files the scenario names are the daemon's to look up, under its roots. */
  static Read read(Path file) {
    return read(file, Roots.ELSEWHERE);
  }

  static Read read(Path file, Roots roots) {
    String text = ScenarioFile.read(file);
    try {
      return new Read(text, ScenarioParser.parse(text, file.toString(), ScenarioLimits.DEFAULTS, roots));
    } catch (ScenarioException e) {
      throw new CliException(ExitCodes.USAGE, "invalid scenario:\n  " + String.join("\n  ", e.problems()));
    }
  }
}
