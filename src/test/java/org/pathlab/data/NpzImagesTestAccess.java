package org.pathlab.data;

import java.nio.file.Path;

/** {@link NpzImagesTest}'s numpy-written files, for tests in other packages. */
public final class NpzImagesTestAccess {

  private NpzImagesTestAccess() {}

  /** numpy.savez of the first {@code n} Fashion-MNIST training images, N×H×W uint8, half for training and half for testing. */
  public static Path numpyWrites(Path file, int n) throws Exception {
    return NpzImagesTest.numpyWrites(file, n, "nhw");
  }
}
