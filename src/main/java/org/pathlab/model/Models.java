package org.pathlab.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** The architectures a scenario can name; input channels and size come from the dataset. */
public final class Models {

  public static final List<String> NAMES = List.of("small-cnn", "resnet-18");

  private Models() {}

  /** {@code name} with today's default widths. */
  public static Block create(String name, int channels, int size, int classes) {
    return create(name, null, channels, size, classes);
  }

  /**
   * {@code widths}: the small CNN's widths (null: {@link SmallCnnWidths#DEFAULT}); ResNet-18 has
   * fixed widths and refuses any.
   */
  public static Block create(String name, SmallCnnWidths widths, int channels, int size, int classes) {
    if (name.equals("small-cnn")) {
      return smallCnn(SmallCnnWidths.orDefault(widths), classes);
    }
    if (widths != null && name.equals("resnet-18")) {
      throw new IllegalArgumentException("resnet-18 has fixed widths; only small-cnn takes channels and hidden");
    }
    if (name.equals("resnet-18")) {
      return ResNet18.create(classes);
    }
    throw new IllegalArgumentException("unknown model '" + name + "'; known models are " + NAMES);
  }

  /**
   * The stages whose outputs are ReLU activations, by index among the model's top-level layers:
   * where the share of dead units is measured (the paper's appendix 8.3).
   */
  public static java.util.LinkedHashMap<Integer, String> reluStages(String name) {
    var stages = new java.util.LinkedHashMap<Integer, String>();
    if (name.equals("small-cnn")) {
      stages.put(1, "conv1");
      stages.put(4, "conv2");
      stages.put(8, "fc1");
    } else if (name.equals("resnet-18")) {
      stages.put(2, "stem");
      for (int stage = 1; stage <= 4; stage++) {
        for (int block = 1; block <= 2; block++) stages.put(1 + 2 * stage + block - 1, "stage" + stage + ".block" + block);
      }
    } else {
      throw new IllegalArgumentException("unknown model '" + name + "'; known models are " + NAMES);
    }
    return stages;
  }

  /**
   * Two 3×3 convolution + ReLU + 2×2 max-pool stages (16 and 32 channels by default), then a
   * hidden layer (64 units by default): small enough to train a Fashion-MNIST task in seconds on
   * two CPU cores. The widths change no layer's index, so {@link #reluStages} holds for any.
   */
  static Block smallCnn(SmallCnnWidths widths, int classes) {
    return new SequentialBlock()
        .add(conv(widths.conv1()))
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(conv(widths.conv2()))
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(widths.hidden()).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(classes).build());
  }

  private static Block conv(int filters) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .build();
  }
}
