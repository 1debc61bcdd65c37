package org.pathlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;

/**
 * The paper's bias reset (section 6): add δ to every bias — convolution and linear biases and
 * batch-norm shifts (β) — and change nothing else. Done in Java float arithmetic on a copy of each
 * bias, then written back, so it is exact and independent of the engine.
 */
public final class BiasReset {

  private BiasReset() {}

  /** Returns how many bias values were shifted. */
  public static long apply(Block block, double delta) {
    float d = (float) delta;
    long count = 0;
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter p = pair.getValue();
      if (p.getType() != Parameter.Type.BIAS && p.getType() != Parameter.Type.BETA) continue;
      NDArray array = p.getArray();
      float[] values = HostReads.of(List.of(array), array::toFloatArray);
      for (int i = 0; i < values.length; i++) values[i] += d;
      Parameters.assign(array, values);
      count += values.length;
    }
    return count;
  }
}
