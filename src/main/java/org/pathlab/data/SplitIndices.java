package org.pathlab.data;

/**
 * Which images form each split: {@code train} and {@code validation} index the official training
 * set (and are disjoint), {@code test} indexes the official test set. Each array is sorted.
 */
public record SplitIndices(int[] train, int[] validation, int[] test) {

    public SplitIndices {
        if (train == null || validation == null || test == null) {
            throw new IllegalArgumentException("split index arrays must not be null");
        }
    }
}
