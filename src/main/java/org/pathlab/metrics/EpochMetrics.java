package org.pathlab.metrics;

import org.pathlab.wire.PathlabSerializable;

/** One epoch of one task: losses are means over the split, on the task's own (transformed) data. */
public record EpochMetrics(
    int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy)
    implements PathlabSerializable {}
