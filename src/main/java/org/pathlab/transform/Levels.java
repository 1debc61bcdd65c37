package org.pathlab.transform;

/** Every transform's level lives in [0, 1]: 0 is the clean target data, 1 the paper's source corruption. */
final class Levels {

  private Levels() {}

  static void check(double level) {
    if (!(level >= 0 && level <= 1)) {
      throw new IllegalArgumentException("a transform level must be in [0,1], was " + level);
    }
  }
}
