package org.pathlab.data;

/**
 * A dataset on disk is missing or unreadable. Unchecked because callers cannot recover other than
 * by reporting it; the message always names the file, the problem and what to do about it.
 */
public class DatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
