package org.pathlab.data;

import java.nio.file.Path;
import java.util.List;

/** The Fashion-MNIST file set: 60,000 training and 10,000 test images, 28×28 grey, 10 classes. */
public final class FashionMnist {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    static final List<String> FILE_NAMES =
            List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private FashionMnist() {}

    /** Returns {train, test} read from {@code dir} (see {@link DatasetLocator#locate}). */
    public static RawImages[] load(Path dir) {
        RawImages train =
                IdxFiles.read(
                        DatasetLocator.file(dir, TRAIN_IMAGES), DatasetLocator.file(dir, TRAIN_LABELS));
        RawImages test =
                IdxFiles.read(
                        DatasetLocator.file(dir, TEST_IMAGES), DatasetLocator.file(dir, TEST_LABELS));
        return new RawImages[] {train, test};
    }
}
