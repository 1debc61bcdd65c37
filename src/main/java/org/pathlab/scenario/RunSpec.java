package org.pathlab.scenario;

import org.pathlab.path.LearningPath;
import org.pathlab.wire.PathlabSerializable;

/** One arm × one seed. {@code id} is stable within its experiment and safe in file names and URLs. */
public record RunSpec(String id, String arm, long seed, LearningPath path) implements PathlabSerializable {

  public String label() {
    return arm + " · seed " + seed;
  }
}
