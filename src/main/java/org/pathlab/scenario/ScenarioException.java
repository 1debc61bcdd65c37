package org.pathlab.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario that cannot run; every problem names the file, line and key and says what to do. At
 * most {@link #MAX_PROBLEMS} are kept, then one line says how many more there were: a file of
 * thousands of bad keys gets a short answer, not one of megabytes.
 */
public final class ScenarioException extends RuntimeException {

  public static final int MAX_PROBLEMS = 50;

  private final List<String> problems;

  public ScenarioException(List<String> problems) {
    this(bounded(problems), true);
  }

  private ScenarioException(List<String> bounded, boolean ignored) {
    super(String.join("\n", bounded));
    this.problems = bounded;
  }

  private static List<String> bounded(List<String> problems) {
    if (problems.size() <= MAX_PROBLEMS) return List.copyOf(problems);
    List<String> kept = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    kept.add("… and " + (problems.size() - MAX_PROBLEMS) + " more problems; fix these first");
    return List.copyOf(kept);
  }

  public List<String> problems() {
    return problems;
  }
}
