package org.pathlab.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the train/validation/test subsets. Stratified so that small subsets keep the class balance
 * of the full set, and seeded with {@link SplittableRandom}, whose algorithm is fixed by its spec,
 * so a seed names the same split on every JVM.
 */
public final class Splits {

    /** Keeps the test draw independent of how many training images there are. */
    private static final long TEST_STREAM = 0x9E3779B97F4A7C15L;

    private Splits() {}

    /**
     * Sizes of 0 mean: train, every training image not in validation; validation, none; test, the
     * whole test set.
     */
    public static SplitIndices of(
            int[] trainLabels,
            int[] testLabels,
            long seed,
            int trainSize,
            int validationSize,
            int testSize) {
        requireNonNegative("dataset.train-size", trainSize);
        requireNonNegative("dataset.validation-size", validationSize);
        requireNonNegative("dataset.test-size", testSize);
        int n = trainLabels.length;
        if (validationSize > n) {
            throw new IllegalArgumentException(
                    "dataset.validation-size = " + validationSize + " exceeds the " + n
                            + " images of the official training set");
        }
        if (trainSize > n - validationSize) {
            throw new IllegalArgumentException(
                    "dataset.train-size = " + trainSize + " exceeds the " + (n - validationSize)
                            + " training images left after dataset.validation-size = "
                            + validationSize);
        }
        if (testSize > testLabels.length) {
            throw new IllegalArgumentException(
                    "dataset.test-size = " + testSize + " exceeds the " + testLabels.length
                            + " images of the official test set");
        }

        // shuffled per class once; validation takes a prefix of each class, train the next part
        int[][] pool = shuffledByClass(trainLabels, new SplittableRandom(seed));
        int[] counts = lengths(pool);
        int[] validationQuota = quotas(counts, validationSize);
        int[] remaining = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            remaining[c] = counts[c] - validationQuota[c];
        }
        int[] trainQuota = trainSize == 0 ? remaining : quotas(remaining, trainSize);
        int[] validation = take(pool, new int[counts.length], validationQuota);
        int[] train = take(pool, validationQuota, trainQuota);

        int[] test;
        if (testSize == 0) {
            test = new int[testLabels.length];
            Arrays.setAll(test, i -> i);
        } else {
            int[][] testPool = shuffledByClass(testLabels, new SplittableRandom(seed ^ TEST_STREAM));
            test = take(testPool, new int[testPool.length], quotas(lengths(testPool), testSize));
        }
        return new SplitIndices(train, validation, test);
    }

    private static void requireNonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    field + " = " + value + " is negative; use 0 for the default or a positive size");
        }
    }

    private static int[][] shuffledByClass(int[] labels, SplittableRandom random) {
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " at index " + i + " is negative");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        for (int[] members : byClass) {
            for (int i = members.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
            }
        }
        return byClass;
    }

    private static int[] lengths(int[][] pool) {
        int[] counts = new int[pool.length];
        for (int c = 0; c < pool.length; c++) {
            counts[c] = pool[c].length;
        }
        return counts;
    }

    /**
     * Splits {@code total} across classes in proportion to {@code available} by largest remainder
     * (ties to the lower class), so the result sums to {@code total} and never exceeds a class.
     */
    static int[] quotas(int[] available, int total) {
        long sum = 0;
        for (int a : available) {
            sum += a;
        }
        int[] quota = new int[available.length];
        if (total == 0 || sum == 0) {
            return quota;
        }
        long[] remainder = new long[available.length];
        long given = 0;
        for (int c = 0; c < available.length; c++) {
            long share = (long) total * available[c];
            quota[c] = (int) (share / sum);
            remainder[c] = share % sum;
            given += quota[c];
        }
        Integer[] order = new Integer[available.length];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b]
                ? Long.compare(remainder[b], remainder[a])
                : Integer.compare(a, b));
        for (int k = 0; given < total; k++, given++) {
            quota[order[k]]++;
        }
        return quota;
    }

    private static int[] take(int[][] pool, int[] from, int[] count) {
        int total = 0;
        for (int c : count) {
            total += c;
        }
        int[] out = new int[total];
        int k = 0;
        for (int c = 0; c < pool.length; c++) {
            System.arraycopy(pool[c], from[c], out, k, count[c]);
            k += count[c];
        }
        Arrays.sort(out);
        return out;
    }
}
