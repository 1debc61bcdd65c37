package org.pathlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PyTorch's default layer initialization, which the paper used (DJL's default is Xavier):
 * convolution and linear weights kaiming-uniform with a = √5, i.e. U(±1/√fan_in), and their
 * biases U(±1/√fan_in); batch-norm γ = 1, β = 0. Values are drawn in Java from the run's seed, in
 * parameter order, so initialization does not depend on the engine's global random state. Values
 * are written into each array's own storage, keeping its {@link MemoryLayout}.
 */
public final class PytorchInit {

  private PytorchInit() {}

  public static void apply(Block block, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Long> fanIn = new HashMap<>();
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter p = pair.getValue();
      if (p.getType() == Parameter.Type.WEIGHT) {
        Shape s = p.getArray().getShape();
        fanIn.put(layerOf(pair.getKey()), s.size() / s.get(0));
      }
    }
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter p = pair.getValue();
      NDArray array = p.getArray();
      switch (p.getType()) {
        case WEIGHT, BIAS -> {
          Long fan = fanIn.get(layerOf(pair.getKey()));
          if (fan == null) {
            throw new IllegalStateException("no weight found for " + pair.getKey());
          }
          Parameters.assign(array, uniform(random, (int) array.size(), 1.0 / Math.sqrt(fan)));
        }
        case GAMMA -> Parameters.assign(array, filled((int) array.size(), 1f));
        case BETA -> Parameters.assign(array, filled((int) array.size(), 0f));
        default -> { /* running statistics keep their defaults (mean 0, variance 1) */ }
      }
    }
  }

  /** "03Linear_weight" → "03Linear": weights and biases of one layer share the prefix. */
  private static String layerOf(String parameterName) {
    int cut = parameterName.lastIndexOf('_');
    return cut < 0 ? parameterName : parameterName.substring(0, cut);
  }

  private static float[] uniform(SplittableRandom random, int n, double bound) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return values;
  }

  private static float[] filled(int n, float value) {
    float[] values = new float[n];
    java.util.Arrays.fill(values, value);
    return values;
  }
}
