package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SplitsTest {

    private static int[] trainLabels;
    private static int[] testLabels;

    @BeforeAll
    static void load() {
        Path dir = DatasetLocator.locate(DatasetLocator.FASHION_MNIST, List.of());
        RawImages[] both = IdxFiles.readSet(dir, Datasets.FASHION_MNIST);
        trainLabels = both[0].labels();
        testLabels = both[1].labels();
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        SplitIndices a = Splits.of(trainLabels, testLabels, 42, 1_000, 500, 300);
        SplitIndices b = Splits.of(trainLabels, testLabels, 42, 1_000, 500, 300);
        SplitIndices c = Splits.of(trainLabels, testLabels, 43, 1_000, 500, 300);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.validation(), b.validation());
        assertArrayEquals(a.test(), b.test());
        assertFalse(Arrays.equals(a.train(), c.train()));
        assertFalse(Arrays.equals(a.validation(), c.validation()));
        assertFalse(Arrays.equals(a.test(), c.test()));
    }

    @Test
    void pinnedForSeedSoOtherJvmsAgree() {
        // SplittableRandom's sequence is fixed by its specification, so these hold on every JVM;
        // a change here silently changes every experiment's data, so it must be deliberate
        SplitIndices s = Splits.of(trainLabels, testLabels, 7, 20, 10, 10);
        assertArrayEquals(
                new int[] {2271, 2510, 2973, 4409, 4531, 9346, 10838, 12906, 25245, 25517, 31373,
                    32244, 34620, 36149, 38582, 41478, 43173, 44699, 45343, 53771},
                s.train());
        assertArrayEquals(
                new int[] {1593, 7566, 11195, 21058, 30555, 44248, 47761, 50093, 54349, 54681},
                s.validation());
        assertArrayEquals(
                new int[] {512, 1595, 1957, 2268, 4570, 4627, 6612, 7641, 8701, 8757}, s.test());
    }

    @Test
    void sizesDisjointSortedAndInRange() {
        SplitIndices s = Splits.of(trainLabels, testLabels, 1, 2_000, 1_000, 500);
        assertEquals(2_000, s.train().length);
        assertEquals(1_000, s.validation().length);
        assertEquals(500, s.test().length);
        assertSortedDistinct(s.train(), trainLabels.length);
        assertSortedDistinct(s.validation(), trainLabels.length);
        assertSortedDistinct(s.test(), testLabels.length);
        Set<Integer> train = new HashSet<>();
        for (int i : s.train()) {
            train.add(i);
        }
        for (int i : s.validation()) {
            assertFalse(train.contains(i), "index " + i + " is in both train and validation");
        }
    }

    @Test
    void zeroMeansAllThatRemain() {
        SplitIndices s = Splits.of(trainLabels, testLabels, 3, 0, 5_000, 0);
        assertEquals(55_000, s.train().length);
        assertEquals(5_000, s.validation().length);
        assertEquals(10_000, s.test().length);
        int[] union = new int[60_000];
        System.arraycopy(s.train(), 0, union, 0, 55_000);
        System.arraycopy(s.validation(), 0, union, 55_000, 5_000);
        Arrays.sort(union);
        for (int i = 0; i < union.length; i++) {
            assertEquals(i, union[i]);
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, s.test()[i]);
        }
        assertEquals(0, Splits.of(trainLabels, testLabels, 3, 100, 0, 0).validation().length);
    }

    @Test
    void stratifiedByClass() {
        SplitIndices s = Splits.of(trainLabels, testLabels, 5, 1_234, 567, 89);
        assertProportional(s.train(), trainLabels, 1_234);
        assertProportional(s.validation(), trainLabels, 567);
        assertProportional(s.test(), testLabels, 89);
    }

    @Test
    void stratifiedOnImbalancedLabels() {
        // 3 classes of 50, 30 and 20: 7 of 100 → 3.5, 2.1, 1.4 → 4, 2, 1 by largest remainder
        int[] labels = new int[100];
        Arrays.fill(labels, 50, 80, 1);
        Arrays.fill(labels, 80, 100, 2);
        SplitIndices s = Splits.of(labels, labels, 11, 10, 7, 0);
        assertArrayEquals(new int[] {4, 2, 1}, counts(s.validation(), labels, 3));
        // 10 of the 93 left (46, 28, 19) → 4.95, 3.01, 2.04 → 5, 3, 2
        assertArrayEquals(new int[] {5, 3, 2}, counts(s.train(), labels, 3));
        assertProportional(s.train(), labels, 10);
    }

    @Test
    void quotasSumAndNeverExceedAClass() {
        int[] available = {1, 0, 5, 2, 9};
        for (int total = 0; total <= 17; total++) {
            int[] q = Splits.quotas(available, total);
            assertEquals(total, Arrays.stream(q).sum());
            for (int c = 0; c < q.length; c++) {
                assertTrue(q[c] <= available[c], "class " + c + " over-drawn at total " + total);
            }
        }
    }

    @Test
    void errorsNameTheField() {
        assertField("dataset.validation-size", () -> Splits.of(trainLabels, testLabels, 1, 0, 60_001, 0));
        assertField("dataset.train-size", () -> Splits.of(trainLabels, testLabels, 1, 55_001, 5_000, 0));
        assertField("dataset.test-size", () -> Splits.of(trainLabels, testLabels, 1, 0, 0, 10_001));
        assertField("dataset.train-size", () -> Splits.of(trainLabels, testLabels, 1, -1, 0, 0));
    }

    private static void assertField(String field, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(field), "message lacks " + field + ": " + e.getMessage());
    }

    private static void assertSortedDistinct(int[] indices, int bound) {
        for (int i = 0; i < indices.length; i++) {
            assertTrue(indices[i] >= 0 && indices[i] < bound, "index out of range: " + indices[i]);
            if (i > 0) {
                assertTrue(indices[i - 1] < indices[i], "not strictly ascending at " + i);
            }
        }
    }

    private static void assertProportional(int[] subset, int[] labels, int size) {
        int classes = Arrays.stream(labels).max().getAsInt() + 1;
        int[] all = counts(null, labels, classes);
        int[] got = counts(subset, labels, classes);
        for (int c = 0; c < classes; c++) {
            double expected = (double) size * all[c] / labels.length;
            assertTrue(Math.abs(got[c] - expected) <= 1.0,
                    "class " + c + ": " + got[c] + " drawn, " + expected + " proportional");
        }
    }

    private static int[] counts(int[] subset, int[] labels, int classes) {
        int[] counts = new int[classes];
        if (subset == null) {
            for (int label : labels) {
                counts[label]++;
            }
        } else {
            for (int i : subset) {
                counts[labels[i]]++;
            }
        }
        return counts;
    }
}
