package org.pathlab.experiment;

import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * How an experiment's id maps to its journal's persistence id ({@code experiment|ID}): the one
 * place the write side, the projection, the reporter and replay agree on it.
 */
public final class ExperimentIds {

  /** The entity type every experiment's persistence id starts with. */
  public static final String ENTITY = "experiment";

  /** What every experiment's persistence id starts with. */
  public static final String PREFIX = persistenceId("").id();

  private ExperimentIds() {}

  public static PersistenceId persistenceId(String experimentId) {
    return PersistenceId.of(ENTITY, experimentId);
  }

  /**
   * Whether {@code id} has the shape {@link Experiments} gives ids ({@code yyyyMMdd-HHmmss-xxxx}), or
   * that of a search's evaluation or confirmation ({@code search-yyyyMMdd-HHmmss-xxxx-j12}, {@code
   * …-c}): safe as a file name, where one is made of it.
   */
  public static boolean isValid(String id) {
    return id != null && id.matches(FORM);
  }

  /** The shapes of experiment ids ({@link #isValid}). */
  public static final String FORM = "\\d{8}-\\d{6}-[0-9a-f]{4}|search-\\d{8}-\\d{6}-[0-9a-f]{4}-(j\\d{1,6}|c)";

  /** The experiment id in {@code persistenceId}, or null when it is not an experiment's. */
  public static String experimentOf(String persistenceId) {
    return persistenceId.startsWith(PREFIX) ? persistenceId.substring(PREFIX.length()) : null;
  }
}
