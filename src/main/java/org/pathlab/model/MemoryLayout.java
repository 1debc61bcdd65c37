package org.pathlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

/**
 * How a model's batches and convolution weights lie in memory while it trains. The values and the
 * logical NCHW shapes are the same in both layouts; only the strides differ, and with them the
 * kernels PyTorch picks.
 *
 * <p>{@link #CHANNELS_LAST} (NHWC bytes under NCHW indexing) lets PyTorch run every layer without
 * converting: oneDNN's NHWC convolutions take the activations as they are, where NCHW training
 * reorders each convolution's input and output to a blocked format and back; max-pooling runs the
 * kernel vectorized across channels instead of the scalar, branching NCHW one; and with the
 * weights channels-last too, no convolution converts its weights or their gradient. Measured in
 * {@code docs/benchmarks.md}: the small CNN 1.35× (AVX2 host), ResNet-18 on CPU 1.10× (AVX-512
 * host).
 *
 * <p>ResNet-18 keeps {@link #NCHW} on a CPU without AVX-512 ({@link CpuIsa}): there oneDNN's
 * channels-last convolutions ({@code jit:avx2} and {@code brg_conv} on NHWC) took 954 ms of a step
 * against 785 ms for its blocked NCHW ones, whose reorders cost less than they save. The small
 * CNN stays channels-last everywhere: NCHW max-pooling is a scalar loop. ResNet-18 on a GPU keeps
 * {@link #NCHW} too: cuDNN's float32 NHWC kernels have not been measured against NCHW here.
 */
public enum MemoryLayout {
  NCHW,
  CHANNELS_LAST;

  /** The layout a model trains in on a device. */
  public static MemoryLayout of(String model, Device device) {
    return of(ModelKind.of(model), device);
  }

  /** The layout {@code kind} trains in on {@code device} of this host ({@link CpuIsa#avx512Core()}). */
  public static MemoryLayout of(ModelKind kind, Device device) {
    return of(kind, device, CpuIsa.avx512Core());
  }

  /** The layout {@code kind} trains in on {@code device} of a host whose CPU has oneDNN's AVX-512 kernels or not. */
  public static MemoryLayout of(ModelKind kind, Device device, boolean avx512) {
    return kind.channelsLast(device.isGpu(), avx512) ? CHANNELS_LAST : NCHW;
  }

  /**
   * Makes the block's convolution weights take this layout when the block is initialized; call it
   * before {@code Block.initialize}. The weights are allocated as zeros: their values come from
   * {@link PytorchInit} or a checkpoint, written in place by {@link Parameters#assign}. Other
   * parameters keep their initializers.
   */
  public void allocate(Block block) {
    if (this == NCHW) {
      return;
    }
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter p = pair.getValue();
      if (p.getType() != Parameter.Type.WEIGHT) {
        continue;
      }
      Initializer original = p.getInitializer();
      p.setInitializer((manager, shape, type) -> {
        if (shape.dimension() != 4) {
          return original.initialize(manager, shape, type);
        }
        return channelsLast(manager.zeros(new Shape(shape.get(0), shape.get(2), shape.get(3), shape.get(1)), type));
      });
    }
  }

  /**
   * The batch in this layout: same values, same logical shape. With one channel NCHW and NHWC are
   * the same bytes, so the batch is only viewed with other strides; with more it is copied once.
   */
  public NDArray batch(NDArray x) {
    if (this == NCHW || x.getShape().dimension() != 4) {
      return x;
    }
    Shape s = x.getShape();
    long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
    NDArray nhwc = c == 1 ? x.reshape(n, h, w, 1) : x.transpose(0, 2, 3, 1).reshape(n, h * w * c).reshape(n, h, w, c);
    return channelsLast(nhwc);
  }

  /** An NHWC-contiguous array viewed as NCHW. */
  private static NDArray channelsLast(NDArray nhwc) {
    return nhwc.transpose(0, 3, 1, 2);
  }
}
