package org.pathlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code torch.optim.SGD} (momentum, weight decay, no dampening, no Nesterov) over a
 * block's trainable parameters, in place, for one learning process:
 *
 * <pre>
 *   buf(1)   = g(1) + wd·w(0)
 *   buf(t)   = m·buf(t−1) + g(t) + wd·w(t−1)
 *   w(t)     = w(t−1) − lr·buf(t)
 * </pre>
 *
 * <p>The parameter's gradient tensor doubles as the momentum buffer. PyTorch's backward adds each
 * new gradient into a gradient that is already there, so after a step the gradient is left holding
 * {@code m·buf(t)}: the next backward makes it {@code m·buf(t) + g(t+1)}, and the step adds the
 * weight decay. That is four passes over the parameters per step (decay, update, scale, plus the
 * backward's own accumulation) where DJL's {@code Sgd} through its parameter server makes eight
 * (two gradient copies, decay, scale, momentum scale and add, update, zeroing), and no buffer
 * besides the gradient. DJL's rule also differs in form: it keeps {@code lr·buf} as its state, the
 * same only while the learning rate stays fixed.
 *
 * <p>A new {@code Sgd} (a new task's model) starts with no gradients, so no momentum: each task is
 * a new learning process. {@link #step()} runs with autograd off, as {@code optimizer.step()}
 * does under {@code torch.no_grad()}.
 */
public final class Sgd {

  private final List<NDArray> weights = new ArrayList<>();
  private final float momentum;
  private final float weightDecay;
  /*
   * The three constants as 0-dim float32 tensors on the weights' device, made once: an operation
   * with a Java number makes exactly such a tensor each time (DJL's mul(Number) is
   * mul(manager.create(n))), which on a GPU is an upload from host memory that waits for all the
   * device's queued work, three times per parameter per step. Same operands, same kernels: the
   * results are those of the numbers, bit for bit.
   */
  private final NDArray rate;
  private final NDArray decay;
  private final NDArray keep;

  public Sgd(Block block, double learningRate, double momentum, double weightDecay) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a positive number, not " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), not " + momentum);
    }
    if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be a non-negative number, not " + weightDecay);
    }
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        weights.add(p.getValue().getArray());
      }
    }
    this.momentum = (float) momentum;
    this.weightDecay = (float) weightDecay;
    NDManager on = weights.isEmpty() ? null : weights.get(0).getManager();
    this.rate = on == null ? null : on.create((float) learningRate);
    this.decay = on == null ? null : on.create(this.weightDecay);
    this.keep = on == null ? null : on.create(this.momentum);
  }

  /** One update from the gradients the last backward left; a parameter without one is skipped. */
  public void step() {
    try (ThreadGradientCollector.NoGrad off = ThreadGradientCollector.noGrad()) {
      for (NDArray w : weights) {
        PtNDArray g = JniUtils.getGradient((PtNDArray) w);
        if (g == null) {
          continue; // not reached by this backward: PyTorch skips a parameter whose grad is None
        }
        try (g) {
          if (weightDecay != 0f) {
            try (NDArray decayed = w.mul(decay)) {
              g.addi(decayed);
            }
          }
          try (NDArray update = g.mul(rate)) {
            w.subi(update);
          }
          if (momentum != 0f) {
            g.muli(keep);
          } else {
            JniUtils.zeroGrad((PtNDArray) w);
          }
        }
      }
    }
  }
}
