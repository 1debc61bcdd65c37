package org.pathlab.train;

import java.io.IOException;

/** A checkpoint that must not be used: missing, unreadable, or not what the journal recorded. */
public final class CheckpointException extends IOException {
  public CheckpointException(String message) {
    super(message);
  }
}
