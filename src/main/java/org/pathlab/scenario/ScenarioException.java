package org.pathlab.scenario;

import java.util.List;

/** A scenario that cannot run; every problem names the file, line and key and says what to do. */
public final class ScenarioException extends RuntimeException {

  private final List<String> problems;

  public ScenarioException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
