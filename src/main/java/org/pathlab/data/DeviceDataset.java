package org.pathlab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The three splits decoded once into float32 N×C×H×W arrays, normalized per channel with the
 * training split's statistics, so that batches are cheap index-selects instead of re-decoding.
 */
public final class DeviceDataset implements AutoCloseable {

    public enum Split { TRAIN, VALIDATION, TEST }

    private final NDManager manager;
    private final Map<Split, NDArray> images;
    private final Map<Split, NDArray> labels;
    private final float[] mean;
    private final float[] std;

    private DeviceDataset(
            NDManager manager,
            Map<Split, NDArray> images,
            Map<Split, NDArray> labels,
            float[] mean,
            float[] std) {
        this.manager = manager;
        this.images = images;
        this.labels = labels;
        this.mean = mean;
        this.std = std;
    }

    public static DeviceDataset create(
            NDManager parent, RawImages train, RawImages test, SplitIndices idx) {
        if (train.channels() != test.channels()
                || train.height() != test.height()
                || train.width() != test.width()) {
            throw new IllegalArgumentException(
                    "training images are " + geometry(train) + " but test images are "
                            + geometry(test));
        }
        if (idx.train().length == 0) {
            throw new IllegalArgumentException(
                    "the training split is empty; normalization needs its statistics");
        }
        float[][] stats = channelStats(train, idx.train());
        float[] mean = stats[0];
        float[] std = stats[1];
        NDManager manager = parent.newSubManager();
        try {
            Map<Split, NDArray> images = new EnumMap<>(Split.class);
            Map<Split, NDArray> labels = new EnumMap<>(Split.class);
            put(manager, images, labels, Split.TRAIN, train, idx.train(), mean, std);
            put(manager, images, labels, Split.VALIDATION, train, idx.validation(), mean, std);
            put(manager, images, labels, Split.TEST, test, idx.test(), mean, std);
            return new DeviceDataset(manager, images, labels, mean, std);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public int size(Split split) {
        return Math.toIntExact(labels.get(split).size());
    }

    public NDArray images(Split split) {
        return images.get(split);
    }

    public NDArray labels(Split split) {
        return labels.get(split);
    }

    /** Per-channel mean of the training split, in [0,1] pixel units. */
    public float[] mean() {
        return mean.clone();
    }

    /** Per-channel standard deviation (population) of the training split, in [0,1] pixel units. */
    public float[] std() {
        return std.clone();
    }

    /**
     * Rows {@code indices} of a split as (images, labels), owned by {@code into}: closing it frees
     * them. {@code into} must be a PyTorch manager on the same device as this dataset.
     */
    public NDList batch(Split split, long[] indices, NDManager into) {
        int n = size(split);
        for (long i : indices) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException(
                        "row " + i + " is outside the " + n + " rows of the " + split + " split");
            }
        }
        // an int64 index keeps PyTorch's indexer from making a converted copy on another manager
        try (NDArray index = into.create(indices)) {
            NDIndex select = new NDIndex("{}", index);
            // get(manager, ...) attaches the result to the given manager, not to the source's
            NDArray x = images.get(split).get(into, select);
            NDArray y = labels.get(split).get(into, select);
            return new NDList(x, y);
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    private static void put(
            NDManager manager,
            Map<Split, NDArray> images,
            Map<Split, NDArray> labels,
            Split split,
            RawImages raw,
            int[] rows,
            float[] mean,
            float[] std) {
        int c = raw.channels();
        int plane = raw.height() * raw.width();
        int size = raw.imageSize();
        float[] x = new float[Math.multiplyExact(rows.length, size)];
        long[] y = new long[rows.length];
        byte[] pixels = raw.pixels();
        for (int r = 0; r < rows.length; r++) {
            int src = rows[r] * size;
            int dst = r * size;
            for (int ch = 0; ch < c; ch++) {
                float m = mean[ch];
                float inv = 1f / std[ch];
                for (int p = 0; p < plane; p++) {
                    int k = ch * plane + p;
                    x[dst + k] = ((pixels[src + k] & 0xff) / 255f - m) * inv;
                }
            }
            y[r] = raw.labels()[rows[r]];
        }
        NDArray xs = manager.create(x, new Shape(rows.length, c, raw.height(), raw.width()));
        xs.setName(split.name().toLowerCase(Locale.ROOT) + "-images");
        NDArray ys = manager.create(y, new Shape(rows.length));
        ys.setName(split.name().toLowerCase(Locale.ROOT) + "-labels");
        images.put(split, xs);
        labels.put(split, ys);
    }

    /** {mean, std} per channel in [0,1] units, accumulated in double to stay exact over 47M pixels. */
    private static float[][] channelStats(RawImages raw, int[] rows) {
        int c = raw.channels();
        int plane = raw.height() * raw.width();
        int size = raw.imageSize();
        byte[] pixels = raw.pixels();
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            long sum = 0;
            long sumSq = 0;
            for (int row : rows) {
                int base = row * size + ch * plane;
                for (int p = 0; p < plane; p++) {
                    int v = pixels[base + p] & 0xff;
                    sum += v;
                    sumSq += (long) v * v;
                }
            }
            double n = (double) rows.length * plane;
            double m = sum / n;
            double var = Math.max(0, sumSq / n - m * m);
            mean[ch] = (float) (m / 255);
            // a constant channel would divide by zero; leave it centred but unscaled
            std[ch] = var > 0 ? (float) (Math.sqrt(var) / 255) : 1f;
        }
        return new float[][] {mean, std};
    }

    private static String geometry(RawImages raw) {
        return raw.channels() + "×" + raw.height() + "×" + raw.width();
    }
}
