package org.pathlab.scenario;

import org.pathlab.wire.PathlabSerializable;

/**
 * Which dataset a scenario trains on and how much of it: 0 for a size means "all". {@code channels}
 * and {@code size} reshape its images for a model that wants another input (0: as stored): a
 * 1-channel set repeated over 3 channels, and each image padded with zeros, centred, to
 * {@code size}×{@code size} — Fashion-MNIST as 3×32×32 for the CIFAR ResNet-18.
 */
public record DatasetSpec(String name, int trainSize, int validationSize, int testSize, long splitSeed, int channels, int size,
    OwnDataset own)
    implements PathlabSerializable {

  /** The classes of every built-in dataset. */
  public static final int BUILT_IN_CLASSES = 10;

  /** The images as stored. */
  public DatasetSpec(String name, int trainSize, int validationSize, int testSize, long splitSeed) {
    this(name, trainSize, validationSize, testSize, splitSeed, 0, 0);
  }

  /** A built-in dataset, reshaped. */
  public DatasetSpec(String name, int trainSize, int validationSize, int testSize, long splitSeed, int channels, int size) {
    this(name, trainSize, validationSize, testSize, splitSeed, channels, size, null);
  }

  /** How many classes its labels number. */
  public int classes() {
    return own == null ? BUILT_IN_CLASSES : own.classes();
  }

  /** Whether the images are reshaped ({@link #channels} or {@link #size} set). */
  public boolean reshaped() {
    return channels != 0 || size != 0;
  }

  /** {@code fashion-mnist}, or {@code fashion-mnist as 3×32×32} ({@code 0} for a dimension kept as stored). */
  public String describe() {
    String base = own == null ? name : own.describe();
    if (!reshaped()) return base;
    return base + " as " + (channels == 0 ? "C" : channels) + "×" + (size == 0 ? "H×W" : size + "×" + size);
  }
}
