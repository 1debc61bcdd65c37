package org.pathlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a trained network looks like inside (the paper's appendix 8.3): the L2 norms of all
 * weights and of all biases (batch-norm β included), and per ReLU stage the share of units that
 * are zero for every image of a fixed probe batch ("dead").
 */
public final class ActivationProbe {

  /** Norms, and dead-unit shares with their stages' names, in the order of {@link Models#reluStages}. */
  public record Result(double weightNorm, double biasNorm, List<Double> deadFractions, List<String> stages) {}

  private ActivationProbe() {}

  public static Result measure(Block model, Map<Integer, String> reluStages, NDArray probe, NDManager manager) {
    double weights = 0;
    double biases = 0;
    for (Pair<String, Parameter> p : model.getParameters()) {
      Parameter.Type type = p.getValue().getType();
      if (type != Parameter.Type.WEIGHT && type != Parameter.Type.BIAS && type != Parameter.Type.BETA) continue;
      double ss = 0;
      NDArray array = p.getValue().getArray();
      for (float v : HostReads.of(List.of(array), array::toFloatArray)) ss += (double) v * v;
      if (type == Parameter.Type.WEIGHT) weights += ss;
      else biases += ss;
    }
    List<Double> dead = new ArrayList<>();
    try (NDManager scope = manager.newSubManager()) {
      ParameterStore store = new ParameterStore(scope, false);
      NDArray x = probe.duplicate();
      x.attach(scope);
      NDList activations = new NDList(x);
      int index = 0;
      for (Pair<String, Block> child : model.getChildren()) {
        activations = child.getValue().forward(store, activations, false);
        if (reluStages.containsKey(index)) {
          NDArray a = activations.singletonOrThrow();
          NDArray everFired = a.gt(0).toType(DataType.FLOAT32, false).sum(new int[] {0}).gt(0);
          long units = everFired.size();
          double alive = everFired.toType(DataType.FLOAT32, false).sum().getFloat();
          dead.add(1 - alive / units);
        }
        index++;
      }
    }
    return new Result(Math.sqrt(weights), Math.sqrt(biases), dead, List.copyOf(reluStages.values()));
  }
}
