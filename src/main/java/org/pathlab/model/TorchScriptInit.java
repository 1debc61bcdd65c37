package org.pathlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PyTorch's default initialization for a TorchScript module's parameters, judged from each
 * parameter's name and shape (a module keeps no record of its layers' kinds):
 *
 * <ul>
 *   <li>{@code *.weight} with two or more dimensions (linear and convolution layers):
 *       kaiming-uniform with a = √5, i.e. U(±1/√fan_in), fan_in = all dimensions but the first;
 *   <li>{@code *.bias} beside such a weight: U(±1/√fan_in) of that weight;
 *   <li>{@code *.weight} with one dimension (batch, layer and group norm scales): 1, and the
 *       {@code *.bias} beside it: 0.
 * </ul>
 *
 * Values are drawn exactly as {@link PytorchInit} draws them for the built-in models (one
 * generator seeded with the run's seed, parameters in order, values in row-major order), so a
 * module with the small CNN's layers starts from the small CNN's parameters. Anything else (an
 * embedding, a free-standing tensor) has no rule here: {@link #problems} names it and {@code init
 * = file} is the way out. Buffers (batch-norm running statistics) keep the file's values.
 */
public final class TorchScriptInit {

  private TorchScriptInit() {}

  /** Why the parameters cannot be initialized by the rule; empty when they can. */
  public static List<String> problems(Block block) {
    List<String> problems = new ArrayList<>();
    Map<String, Shape> weights = weights(block);
    for (Pair<String, Parameter> pair : block.getParameters()) {
      String name = pair.getKey();
      Shape shape = pair.getValue().getArray().getShape();
      if (name.endsWith("weight") && shape.dimension() >= 1) continue;
      if (name.endsWith("bias") && weights.containsKey(layerOf(name))) continue;
      problems.add("parameter '" + name + "' (shape " + shape + ") is neither a layer's weight nor the bias beside one, so "
          + "PyTorch's default for it is unknown: use init = file (keep the saved weights)");
    }
    return problems;
  }

  /** Re-draws every parameter from {@code seed}; throws where {@link #problems} finds any. */
  public static void apply(Block block, long seed) {
    List<String> problems = problems(block);
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
    Map<String, Shape> weights = weights(block);
    SplittableRandom random = new SplittableRandom(seed);
    for (Pair<String, Parameter> pair : block.getParameters()) {
      NDArray array = pair.getValue().getArray();
      Shape weight = pair.getKey().endsWith("bias") ? weights.get(layerOf(pair.getKey())) : array.getShape();
      int n = (int) array.size();
      if (weight.dimension() == 1) {
        float[] values = new float[n];
        java.util.Arrays.fill(values, pair.getKey().endsWith("bias") ? 0f : 1f);
        Parameters.assign(array, values);
      } else {
        double bound = 1.0 / Math.sqrt((double) weight.size() / weight.get(0));
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        Parameters.assign(array, values);
      }
    }
  }

  private static Map<String, Shape> weights(Block block) {
    Map<String, Shape> weights = new HashMap<>();
    for (Pair<String, Parameter> pair : block.getParameters()) {
      if (pair.getKey().endsWith("weight")) weights.put(layerOf(pair.getKey()), pair.getValue().getArray().getShape());
    }
    return weights;
  }

  /** "features.0.weight" → "features.0". */
  private static String layerOf(String name) {
    int cut = name.lastIndexOf('.');
    return cut < 0 ? "" : name.substring(0, cut);
  }
}
