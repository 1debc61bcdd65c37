package org.pathlab.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pathlab.model.Architectures;
import org.pathlab.model.ModelKind;
import org.pathlab.model.PytorchInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init-stats", description = "Parameter count and per-layer statistics of a freshly initialized model.")
final class InitStatsBench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--model", defaultValue = "small-cnn") String model;
  @Option(names = "--channels", defaultValue = "1") int channels;
  @Option(names = "--size", defaultValue = "28") int size;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Override
  public Integer call() throws Exception {
    BenchCommand.engineSettings(1);
    List<Map<String, Object>> layers = new ArrayList<>();
    long total = 0;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Architectures.create(ModelKind.of(model), null, 10);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
      PytorchInit.apply(block, seed);
      for (Pair<String, Parameter> p : block.getParameters()) {
        Parameter.Type type = p.getValue().getType();
        if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) continue;
        float[] v = p.getValue().getArray().toFloatArray();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float f : v) {
          sum += f;
          min = Math.min(min, f);
          max = Math.max(max, f);
        }
        double mean = sum / v.length;
        double ss = 0;
        for (float f : v) ss += (f - mean) * (f - mean);
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("name", p.getKey());
        layer.put("kind", type.name().toLowerCase());
        layer.put("shape", p.getValue().getArray().getShape().getShape());
        layer.put("count", v.length);
        layer.put("mean", mean);
        layer.put("std", Math.sqrt(ss / v.length));
        layer.put("min", min);
        layer.put("max", max);
        layers.add(layer);
        total += v.length;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("framework", "pathlab");
    out.put("model", model);
    out.put("parameters", total);
    out.put("layers", layers);
    spec.commandLine().getOut().println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out));
    return 0;
  }
}
