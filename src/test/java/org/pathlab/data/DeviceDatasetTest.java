package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceDatasetTest {

    private static RawImages train;
    private static RawImages test;
    private static SplitIndices idx;

    @BeforeAll
    static void load() {
        RawImages[] both =
                FashionMnist.load(DatasetLocator.locate(DatasetLocator.FASHION_MNIST, List.of()));
        train = both[0];
        test = both[1];
        idx = Splits.of(train.labels(), test.labels(), 7, 600, 200, 300);
    }

    @Test
    void shapesAndTypes() {
        try (NDManager root = NDManager.newBaseManager("PyTorch");
                DeviceDataset data = DeviceDataset.create(root, train, test, idx)) {
            assertEquals(600, data.size(DeviceDataset.Split.TRAIN));
            assertEquals(200, data.size(DeviceDataset.Split.VALIDATION));
            assertEquals(300, data.size(DeviceDataset.Split.TEST));
            assertEquals(new Shape(600, 1, 28, 28), data.images(DeviceDataset.Split.TRAIN).getShape());
            assertEquals(new Shape(200, 1, 28, 28), data.images(DeviceDataset.Split.VALIDATION).getShape());
            assertEquals(new Shape(300, 1, 28, 28), data.images(DeviceDataset.Split.TEST).getShape());
            assertEquals(DataType.FLOAT32, data.images(DeviceDataset.Split.TRAIN).getDataType());
            assertEquals(DataType.INT64, data.labels(DeviceDataset.Split.TEST).getDataType());
            assertEquals(new Shape(300), data.labels(DeviceDataset.Split.TEST).getShape());
            long[] testLabels = data.labels(DeviceDataset.Split.TEST).toLongArray();
            for (int r = 0; r < idx.test().length; r++) {
                assertEquals(test.labels()[idx.test()[r]], testLabels[r]);
            }
        }
    }

    @Test
    void trainSplitIsNormalized() {
        try (NDManager root = NDManager.newBaseManager("PyTorch");
                DeviceDataset data = DeviceDataset.create(root, train, test, idx)) {
            float[] x = data.images(DeviceDataset.Split.TRAIN).toFloatArray();
            double sum = 0;
            double sumSq = 0;
            for (float v : x) {
                sum += v;
                sumSq += (double) v * v;
            }
            double mean = sum / x.length;
            double std = Math.sqrt(sumSq / x.length - mean * mean);
            assertEquals(0, mean, 1e-4);
            assertEquals(1, std, 1e-4);
            // Fashion-MNIST is mostly dark background: mean ≈ 0.29, std ≈ 0.35 in [0,1] units
            assertEquals(1, data.mean().length);
            assertEquals(0.286, data.mean()[0], 0.02);
            assertEquals(0.353, data.std()[0], 0.02);
        }
    }

    @Test
    void batchSelectsTheRequestedRowsOntoIntoManager() {
        try (NDManager root = NDManager.newBaseManager("PyTorch");
                DeviceDataset data = DeviceDataset.create(root, train, test, idx)) {
            float mean = data.mean()[0];
            float std = data.std()[0];
            long[] rows = {199, 0, 5, 5, 73};
            NDArray x;
            NDArray y;
            try (NDManager into = root.newSubManager()) {
                NDList batch = data.batch(DeviceDataset.Split.VALIDATION, rows, into);
                x = batch.get(0);
                y = batch.get(1);
                assertSame(into, x.getManager());
                assertSame(into, y.getManager());
                assertEquals(new Shape(rows.length, 1, 28, 28), x.getShape());
                float[] got = x.toFloatArray();
                long[] labels = y.toLongArray();
                int size = 28 * 28;
                for (int k = 0; k < rows.length; k++) {
                    int source = idx.validation()[(int) rows[k]];
                    assertEquals(train.labels()[source], labels[k], "label of row " + rows[k]);
                    for (int p = 0; p < size; p++) {
                        float expected = ((train.pixels()[source * size + p] & 0xff) / 255f - mean) / std;
                        assertEquals(expected, got[k * size + p], 1e-5, "row " + rows[k] + " pixel " + p);
                    }
                }
            }
            assertTrue(x.isReleased(), "closing `into` frees the batch images");
            assertTrue(y.isReleased(), "closing `into` frees the batch labels");
            assertFalse(data.images(DeviceDataset.Split.VALIDATION).isReleased());
            assertThrows(
                    IndexOutOfBoundsException.class,
                    () -> data.batch(DeviceDataset.Split.TEST, new long[] {300}, root));
        }
    }

    @Test
    void closeFreesTheSplitsButNotTheParent() {
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            DeviceDataset data = DeviceDataset.create(root, train, test, idx);
            NDArray images = data.images(DeviceDataset.Split.TRAIN);
            data.close();
            assertTrue(images.isReleased());
            assertTrue(root.isOpen());
        }
    }

    @Test
    void emptyValidationIsAllowed() {
        SplitIndices noValidation = Splits.of(train.labels(), test.labels(), 7, 100, 0, 50);
        try (NDManager root = NDManager.newBaseManager("PyTorch");
                DeviceDataset data = DeviceDataset.create(root, train, test, noValidation)) {
            assertEquals(0, data.size(DeviceDataset.Split.VALIDATION));
            assertEquals(new Shape(0, 1, 28, 28), data.images(DeviceDataset.Split.VALIDATION).getShape());
            assertArrayEquals(new long[0], data.labels(DeviceDataset.Split.VALIDATION).toLongArray());
        }
    }
}
