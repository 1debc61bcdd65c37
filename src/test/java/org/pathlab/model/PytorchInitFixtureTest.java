package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * pathlab's models against what PyTorch itself prints for the same architectures with its default
 * initialization (bench/fixtures/init-stats-*.json, written by `bench/run init-stats` from
 * bench/reference.py): same parameter count, tensor by tensor the same kind and shape, values
 * within the same ±1/√fan_in bound, and means and standard deviations that agree within four
 * standard errors (the values are random; their distributions must be the same).
 */
class PytorchInitFixtureTest {

  @ParameterizedTest
  @CsvSource({"small-cnn, 1, 28", "resnet-18, 3, 32"})
  void matchesPytorchsDefaultInitialization(String model, int channels, int size) throws Exception {
    JsonNode torch = new ObjectMapper().readTree(Path.of("bench/fixtures/init-stats-" + model + ".json").toFile());
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Architectures.create(ModelKind.of(model), null, 10);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
      PytorchInit.apply(block, 1);
      List<Pair<String, Parameter>> params = new ArrayList<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        Parameter.Type t = p.getValue().getType();
        if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) params.add(p);
      }
      JsonNode layers = torch.path("layers");
      assertEquals(layers.size(), params.size(), "tensor count");
      long total = 0;
      double fanIn = 1;
      for (int i = 0; i < params.size(); i++) {
        JsonNode ref = layers.get(i);
        Parameter p = params.get(i).getValue();
        String where = params.get(i).getKey() + " vs " + ref.path("name").asText();
        assertEquals(ref.path("kind").asText(), p.getType().name().toLowerCase(), where);
        long[] shape = p.getArray().getShape().getShape();
        List<Long> refShape = new ArrayList<>();
        ref.path("shape").forEach(d -> refShape.add(d.asLong()));
        assertEquals(refShape, java.util.Arrays.stream(shape).boxed().toList(), where);
        float[] v = p.getArray().toFloatArray();
        total += v.length;
        double mean = 0;
        for (float f : v) mean += f;
        mean /= v.length;
        double ss = 0;
        for (float f : v) ss += (f - mean) * (f - mean);
        double std = Math.sqrt(ss / v.length);
        switch (p.getType()) {
          case GAMMA -> assertTrue(mean == 1 && std == 0 && ref.path("mean").asDouble() == 1, where);
          case BETA -> assertTrue(mean == 0 && std == 0 && ref.path("mean").asDouble() == 0, where);
          default -> {
            if (p.getType() == Parameter.Type.WEIGHT) fanIn = (double) v.length / shape[0];
            double bound = 1 / Math.sqrt(fanIn) * (1 + 1e-6);
            for (float f : v) assertTrue(Math.abs(f) <= bound, where + ": " + f + " outside ±" + bound);
            assertTrue(Math.abs(ref.path("min").asDouble()) <= bound && Math.abs(ref.path("max").asDouble()) <= bound, where);
            double expectedStd = bound / Math.sqrt(3);
            assertEquals(ref.path("mean").asDouble(), mean, 4 * expectedStd * Math.sqrt(2.0 / v.length), where + " mean");
            // the sample sd of a uniform variable has variance ≈ σ²·(κ − 1)/(4n) with kurtosis κ = 1.8
            assertEquals(ref.path("std").asDouble(), std, 4 * expectedStd * Math.sqrt(2 * 0.2 / v.length), where + " std");
          }
        }
      }
      assertEquals(torch.path("parameters").asLong(), total, "trainable parameters");
    }
  }
}
