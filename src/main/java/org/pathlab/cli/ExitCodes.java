package org.pathlab.cli;

/** The CLI's exit codes (documented in README and `pathlab --help`). */
public final class ExitCodes {
  public static final int OK = 0;
  /** The experiment ended, but some runs diverged or failed. */
  public static final int RUNS_FAILED = 1;
  /** Bad usage or an invalid scenario. */
  public static final int USAGE = 2;
  /** The daemon is not running or not reachable. */
  public static final int NO_DAEMON = 3;
  /** No such experiment. */
  public static final int NOT_FOUND = 4;
  /** The daemon answered with an error, or the CLI failed in a way nobody foresaw (an internal error). */
  public static final int DAEMON_ERROR = 5;
  /**
   * The request conflicts with the state of an experiment or the journal (cancelling one that has
   * ended; replaying a journal a running daemon holds).
   */
  public static final int CONFLICT = 6;
  /** The daemon requires an API token and none or a wrong one was sent. */
  public static final int UNAUTHORIZED = 7;

  private ExitCodes() {}
}
