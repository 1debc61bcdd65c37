package org.pathlab.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The Fashion-MNIST file set: 60,000 training and 10,000 test images, 28×28 grey, 10 classes.
 * Kept for existing callers; new code uses {@link Datasets#load(String, List)}.
 */
public final class FashionMnist {

  public static final String TRAIN_IMAGES = IdxFiles.TRAIN_IMAGES;
  public static final String TRAIN_LABELS = IdxFiles.TRAIN_LABELS;
  public static final String TEST_IMAGES = IdxFiles.TEST_IMAGES;
  public static final String TEST_LABELS = IdxFiles.TEST_LABELS;

  static final List<String> FILE_NAMES = IdxFiles.FILE_NAMES;

  private FashionMnist() {}

  /** Returns {train, test} read from {@code dir} (see {@link DatasetLocator#locate}). */
  public static RawImages[] load(Path dir) {
    return IdxFiles.readSet(dir, Datasets.FASHION_MNIST);
  }
}
