package org.pathlab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * The parameters as a bf16 forward pass sees them, the way PyTorch's CPU and CUDA autocast treats
 * convolutions and linear layers: their weights and biases cast to bfloat16 for this pass (the
 * cast is recorded by autograd, so the gradients reach the fp32 master weights in fp32, where
 * {@link Sgd} updates them); batch-norm's scale, shift and running statistics stay fp32 (PyTorch's
 * batch norm takes bf16 input with fp32 parameters and keeps its statistics in fp32).
 *
 * <p>The casts are {@link Bf16Casts}' (DJL cannot make bfloat16 arrays itself). They belong to the pass: {@link #scope} is set to the batch's manager before each
 * forward, and they are freed with it (otherwise each step would leave a copy of every weight in
 * the task's manager until the task ends).
 */
final class MixedPrecisionStore extends ParameterStore {

  private final Bf16Casts casts;
  private NDManager scope;

  MixedPrecisionStore(NDManager manager, Bf16Casts casts) {
    super(manager, false);
    this.casts = casts;
  }

  /** The manager the next forward pass's casts are attached to: the batch's. */
  void scope(NDManager scope) {
    this.scope = scope;
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    NDArray value = super.getValue(parameter, device, training);
    if (parameter == null) return value; // a layer without the parameter (a convolution without bias)
    Parameter.Type type = parameter.getType();
    if (type != Parameter.Type.WEIGHT && type != Parameter.Type.BIAS) return value;
    return casts.swap(value, scope, training);
  }
}
