package org.pathlab.model;

import org.pathlab.wire.PathlabSerializable;

/**
 * The small CNN's capacity: the output channels of its two convolutions and the units of its
 * hidden layer. Plain Java (no DJL), so a scenario and a plan can carry it. Whether the negative
 * pretraining effect shows may depend on capacity; {@link #DEFAULT} is the architecture every
 * experiment had before the widths became a setting.
 */
public record SmallCnnWidths(int conv1, int conv2, int hidden) implements PathlabSerializable {

  public static final SmallCnnWidths DEFAULT = new SmallCnnWidths(16, 32, 64);

  /** The most channels per convolution and units in the hidden layer a scenario may ask for. */
  public static final int MAX_CHANNELS = 1024;

  public static final int MAX_HIDDEN = 8192;

  public SmallCnnWidths {
    if (conv1 < 1 || conv2 < 1 || hidden < 1 || conv1 > MAX_CHANNELS || conv2 > MAX_CHANNELS || hidden > MAX_HIDDEN) {
      throw new IllegalArgumentException("small-cnn widths must be channels in [1, " + MAX_CHANNELS + "] and hidden in [1, "
          + MAX_HIDDEN + "], got channels " + conv1 + ", " + conv2 + "; hidden " + hidden);
    }
  }

  /** {@code widths} itself, or {@link #DEFAULT} where it is null (plans and requests written before widths existed). */
  public static SmallCnnWidths orDefault(SmallCnnWidths widths) {
    return widths == null ? DEFAULT : widths;
  }

  public boolean matchesDefault() {
    return equals(DEFAULT);
  }

  /** {@code channels 16, 32; hidden 64}: how reports and validate name the widths. */
  public String describe() {
    return "channels " + conv1 + ", " + conv2 + "; hidden " + hidden;
  }

  /**
   * Trainable parameters for {@code inputChannels} × {@code size}² images and {@code classes}
   * outputs: two 3×3 convolutions with bias, two 2×2 pools halving the size, two linear layers.
   */
  public long parameterCount(int inputChannels, int size, int classes) {
    long pooled = (long) (size / 2 / 2) * (size / 2 / 2);
    return (9L * inputChannels * conv1 + conv1)
        + (9L * conv1 * conv2 + conv2)
        + (pooled * conv2 * hidden + hidden)
        + ((long) hidden * classes + classes);
  }
}
