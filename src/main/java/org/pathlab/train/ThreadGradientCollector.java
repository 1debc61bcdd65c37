package org.pathlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * DJL's PyTorch gradient collector without its JVM-wide lock. {@code PtGradientCollector} refuses
 * to open while another one is open anywhere in the process ("Only one can be collecting at a
 * time"), which makes two trainers (two devices, or two runs on one device) fail. PyTorch's grad
 * mode is per thread, and every trainer has its own thread, so each may collect at once. The calls
 * are the ones {@code PtGradientCollector} makes (DJL 0.33.0), so results are unchanged.
 */
public final class ThreadGradientCollector implements GradientCollector {

  private final boolean gradModeBefore;

  public ThreadGradientCollector() {
    gradModeBefore = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
  }

  @Override
  public void backward(NDArray target) {
    NDArray grad = target.getManager().ones(target.getShape(), target.getDataType()).toDevice(target.getDevice(), false);
    JniUtils.backward((PtNDArray) target, (PtNDArray) grad, false, false);
  }

  @Override
  public void zeroGradients() {
    throw new UnsupportedOperationException("gradients are reset by the trainer's step, as in DJL");
  }

  @Override
  public void close() {
    if (!gradModeBefore) JniUtils.setGradMode(false);
  }

  /** Autograd off on this thread until closed ({@code torch.no_grad()}), then as it was. */
  public static NoGrad noGrad() {
    return new NoGrad();
  }

  /** See {@link #noGrad()}. */
  public static final class NoGrad implements AutoCloseable {
    private final boolean before = JniUtils.isGradMode();

    private NoGrad() {
      JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
      JniUtils.setGradMode(before);
    }
  }
}
