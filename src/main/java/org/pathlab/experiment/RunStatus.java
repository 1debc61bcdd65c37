package org.pathlab.experiment;

public enum RunStatus {
  PENDING,
  RUNNING,
  FINISHED,
  DIVERGED,
  FAILED,
  CANCELLED;

  public boolean ended() {
    return this != PENDING && this != RUNNING;
  }
}
