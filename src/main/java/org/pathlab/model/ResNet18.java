package org.pathlab.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * The CIFAR form of ResNet-18, as in the common PyTorch CIFAR code. The paper says only "a
 * ResNet-18 (He et al., 2016)" (§3.1), and the reference it cites is the pre-activation paper
 * ("Identity mappings in deep residual networks"): this original, post-activation form is pathlab's
 * reading (docs/scenarios.md). A 3×3 stem convolution with batch norm and ReLU and no max-pool,
 * four stages of two basic blocks with 64, 128, 256 and 512 channels (stride 2 from the second
 * stage on, with a 1×1 convolution + batch norm shortcut where the shape changes), global average
 * pooling and one linear layer. Convolutions have no bias (batch norm follows each). 11,173,962
 * trainable parameters for 3 input channels and 10 classes. DJL's ResNetV1 builds the ImageNet form
 * instead.
 */
final class ResNet18 {

  private static final int[] CHANNELS = {64, 128, 256, 512};

  private ResNet18() {}

  static Block create(int classes) {
    SequentialBlock net = new SequentialBlock()
        .add(conv(64, 3, 1))
        .add(BatchNorm.builder().build())
        .add(Activation::relu);
    int in = 64;
    for (int stage = 0; stage < CHANNELS.length; stage++) {
      int out = CHANNELS[stage];
      int stride = stage == 0 ? 1 : 2;
      net.add(basicBlock(in, out, stride));
      net.add(basicBlock(out, out, 1));
      in = out;
    }
    return net
        .add(Pool.globalAvgPool2dBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(classes).build());
  }

  private static Block basicBlock(int in, int out, int stride) {
    SequentialBlock main = new SequentialBlock()
        .add(conv(out, 3, stride))
        .add(BatchNorm.builder().build())
        .add(Activation::relu)
        .add(conv(out, 3, 1))
        .add(BatchNorm.builder().build());
    Block shortcut = stride == 1 && in == out
        ? Blocks.identityBlock()
        : new SequentialBlock().add(conv(out, 1, stride)).add(BatchNorm.builder().build());
    return new SequentialBlock()
        .add(new ParallelBlock(
            branches -> new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())),
            Arrays.asList(main, shortcut)))
        .add(Activation::relu);
  }

  private static Block conv(int filters, int kernel, int stride) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .optBias(false)
        .build();
  }
}
