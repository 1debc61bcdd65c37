package org.pathlab.storage;

import java.util.List;

/**
 * What the storage monitor knows now: all writable (no problems), or each problem as a sentence
 * that names what could not be written, why, and what to do. {@code sinceMillis}: when this
 * state began.
 */
public record StorageHealth(List<String> problems, long sinceMillis) {

  public StorageHealth {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** One line for an error message: the first problem, and how many more there are. */
  public String summary() {
    if (problems.isEmpty()) return "the journal and the data directory can be written";
    return problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
  }
}
