package org.pathlab.experiment;

public enum RunStatus {
  PENDING,
  RUNNING,
  FINISHED,
  DIVERGED,
  FAILED;

  public boolean ended() {
    return this == FINISHED || this == DIVERGED || this == FAILED;
  }
}
