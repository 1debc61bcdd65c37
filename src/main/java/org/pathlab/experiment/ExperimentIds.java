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

  /** The experiment id in {@code persistenceId}, or null when it is not an experiment's. */
  public static String experimentOf(String persistenceId) {
    return persistenceId.startsWith(PREFIX) ? persistenceId.substring(PREFIX.length()) : null;
  }
}
