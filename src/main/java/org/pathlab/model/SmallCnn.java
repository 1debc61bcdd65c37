package org.pathlab.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;

/** The small CNN's architecture in DJL blocks ({@link ModelKind#SMALL_CNN} builds it; ResNet-18 is {@link ResNet18}). */
final class SmallCnn {

  private SmallCnn() {}

  /**
   * Two 3×3 convolution + ReLU + 2×2 max-pool stages (16 and 32 channels by default), then a
   * hidden layer (64 units by default): small enough to train a Fashion-MNIST task in seconds on
   * two CPU cores. The widths change no layer's index, so {@link ModelKind#reluStages} holds for any.
   */
  static Block build(SmallCnnWidths widths, int classes) {
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
