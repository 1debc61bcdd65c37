package org.pathlab.scenario;

import org.pathlab.wire.PathlabSerializable;

/**
 * One run of one experiment, as the daemon refers to it across packages and nodes: in training
 * requests and their log lines, live progress, prefix sources. Its text is {@code EXPERIMENT/RUN}.
 */
public record RunRef(String experimentId, String runId) implements PathlabSerializable {

  public RunRef {
    if (experimentId == null || runId == null) throw new IllegalArgumentException("a run needs its experiment's id and its own");
  }

  /** {@code EXPERIMENT/RUN} (tools and tests name runs so); one without a slash is a run of experiment "-". */
  public static RunRef parse(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? new RunRef("-", key) : new RunRef(key.substring(0, slash), key.substring(slash + 1));
  }

  @Override
  public String toString() {
    return experimentId + "/" + runId;
  }
}
