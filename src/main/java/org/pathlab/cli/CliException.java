package org.pathlab.cli;

/** A failure with a message for the user and the exit code that goes with it. */
final class CliException extends RuntimeException {
  final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }
}
