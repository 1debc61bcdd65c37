package org.pathlab.scenario;

import org.pathlab.wire.PathlabSerializable;

/**
 * Which dataset a scenario trains on and how much of it: 0 for a size means "all". {@code channels}
 * and {@code size} reshape its images for a model that wants another input (0: as stored): a
 * 1-channel set repeated over 3 channels, and each image padded with zeros, centred, to
 * {@code size}×{@code size} — Fashion-MNIST as 3×32×32 for the CIFAR ResNet-18.
 */
public record DatasetSpec(String name, int trainSize, int validationSize, int testSize, long splitSeed, int channels, int size)
    implements PathlabSerializable {

  /** The images as stored. */
  public DatasetSpec(String name, int trainSize, int validationSize, int testSize, long splitSeed) {
    this(name, trainSize, validationSize, testSize, splitSeed, 0, 0);
  }

  /** Whether the images are reshaped ({@link #channels} or {@link #size} set). */
  public boolean reshaped() {
    return channels != 0 || size != 0;
  }

  /** {@code fashion-mnist}, or {@code fashion-mnist as 3×32×32} ({@code 0} for a dimension kept as stored). */
  public String describe() {
    if (!reshaped()) return name;
    return name + " as " + (channels == 0 ? "C" : channels) + "×" + (size == 0 ? "H×W" : size + "×" + size);
  }
}
