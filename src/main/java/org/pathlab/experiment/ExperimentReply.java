package org.pathlab.experiment;

import org.pathlab.wire.PathlabSerializable;

/** The answer to a submission or a cancellation: accepted, or refused for a reason callers can act on. */
public sealed interface ExperimentReply extends PathlabSerializable {

  /** Why a command was refused; the HTTP API maps each to its status code. */
  enum Refusal {
    /** No experiment has this id. */
    NOT_FOUND,
    /** The experiment is not in a state that allows the command (already submitted, already ended). */
    CONFLICT,
    /** The journal could not record the command: the storage is at fault, not the request. */
    NOT_RECORDED
  }

  /** {@code sequenceNr}: the experiment's last event once the command was recorded; a read that follows waits for it. */
  record Accepted(String experimentId, long sequenceNr) implements ExperimentReply {}

  /**
   * An annotation was recorded (or changed nothing): the experiment's tags, notes and archiving
   * after it, and its last event's sequence number.
   */
  record Annotated(String experimentId, Annotations annotations, long sequenceNr) implements ExperimentReply {}

  record Refused(Refusal refusal, String message) implements ExperimentReply {}

  static ExperimentReply refused(Refusal refusal, String message) {
    return new Refused(refusal, message);
  }
}
