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

  /**
   * The scenario of experiment {@code from} changed by {@code sets}, checked as a file would be
   * (problems name the keys); the daemon checks it again, its files under its own roots.
   */
  static String fork(String text, String from, java.util.List<String> sets) {
    String forked;
    try {
      forked = org.pathlab.scenario.ScenarioEdit.apply(text, from, sets);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    } catch (ScenarioException e) {
      throw new CliException(ExitCodes.USAGE, "the scenario of " + from + " cannot be read:\n  " + String.join("\n  ", e.problems()));
    }
    try {
      ScenarioParser.parse(forked, from + "-fork.conf", ScenarioLimits.DEFAULTS, Roots.ELSEWHERE);
    } catch (ScenarioException e) {
      throw new CliException(ExitCodes.USAGE, "the forked scenario is invalid; nothing was submitted:\n  " + String.join("\n  ", e.problems()));
    }
    return forked;
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
