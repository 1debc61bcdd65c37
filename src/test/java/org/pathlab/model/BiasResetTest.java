package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BiasResetTest {

  private static Map<String, float[]> snapshot(Block block) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) values.put(p.getKey(), p.getValue().getArray().toFloatArray());
    return values;
  }

  @ParameterizedTest
  @CsvSource({"small-cnn, 1, 28", "resnet-18, 3, 32"})
  void addsExactlyDeltaToEveryBiasAndNothingElse(String model, int channels, int size) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Architectures.create(ModelKind.of(model), null, 10);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
      PytorchInit.apply(block, 42);
      Map<String, float[]> before = snapshot(block);
      long shifted = BiasReset.apply(block, 0.01);
      Map<String, float[]> after = snapshot(block);
      long expected = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        float[] b = before.get(p.getKey());
        float[] a = after.get(p.getKey());
        Parameter.Type type = p.getValue().getType();
        if (type == Parameter.Type.BIAS || type == Parameter.Type.BETA) {
          expected += b.length;
          for (int i = 0; i < b.length; i++) assertEquals(b[i] + 0.01f, a[i], 0f, p.getKey() + "[" + i + "]");
        } else {
          for (int i = 0; i < b.length; i++) {
            assertEquals(Float.floatToRawIntBits(b[i]), Float.floatToRawIntBits(a[i]), "bit-identical " + p.getKey());
          }
        }
      }
      assertEquals(expected, shifted);
      assertTrue(shifted > 0);
    }
  }

  @ParameterizedTest
  @CsvSource({"resnet-18, 3, 32, 11173962", "resnet-18, 1, 28, 11172810", "small-cnn, 1, 28, 105866"})
  void parameterCountsMatchTheArchitectures(String model, int channels, int size, long count) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Architectures.create(ModelKind.of(model), null, 10);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
      long trainable = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        Parameter.Type t = p.getValue().getType();
        if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) trainable += p.getValue().getArray().size();
      }
      assertEquals(count, trainable);
      Shape out = block.getOutputShapes(new Shape[] {new Shape(2, channels, size, size)})[0];
      assertEquals(new Shape(2, 10), out);
    }
  }

  @ParameterizedTest
  @CsvSource({"small-cnn, 1, 28"})
  void pytorchInitDrawsFromTheSeedWithinTheFanInBound(String model, int channels, int size) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block a = Architectures.create(ModelKind.of(model), null, 10);
      a.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
      PytorchInit.apply(a, 7);
      Block b = Architectures.create(ModelKind.of(model), null, 10);
      b.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
      PytorchInit.apply(b, 7);
      Map<String, float[]> sa = snapshot(a);
      Map<String, float[]> sb = snapshot(b);
      for (String k : sa.keySet()) assertArrayEquals(sa.get(k), sb.get(k), k);
      // first conv: fan_in = 1·3·3 = 9, so every weight and bias lies within ±1/3
      String firstConv = sa.keySet().iterator().next().replaceAll("_[a-z]+$", "");
      int checked = 0;
      for (Map.Entry<String, float[]> e : sa.entrySet()) {
        if (e.getKey().startsWith(firstConv + "_")) {
          for (float v : e.getValue()) assertTrue(Math.abs(v) <= 1.0 / 3, e.getKey() + " " + v);
          checked += e.getValue().length;
        }
      }
      assertEquals(16 * 9 + 16, checked, "the first convolution's weights and biases");
    }
  }

  @org.junit.jupiter.api.Test
  void theProbeCountsDeadUnitsAndNorms() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Architectures.create(ModelKind.of("small-cnn"), null, 10);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      PytorchInit.apply(block, 3);
      var probe = manager.randomUniform(0, 1, new Shape(16, 1, 28, 28));
      var alive = ActivationProbe.measure(block, ModelKind.of("small-cnn").reluStages(), probe, manager);
      assertEquals(3, alive.deadFractions().size());
      assertTrue(alive.weightNorm() > 0 && alive.biasNorm() > 0);
      BiasReset.apply(block, 1000);
      var allAlive = ActivationProbe.measure(block, ModelKind.of("small-cnn").reluStages(), probe, manager);
      assertEquals(0.0, allAlive.deadFractions().get(0), "a bias of +1000 keeps every first-stage unit on");
      BiasReset.apply(block, -3000);
      var allDead = ActivationProbe.measure(block, ModelKind.of("small-cnn").reluStages(), probe, manager);
      assertEquals(1.0, allDead.deadFractions().get(0), "a bias of −2000 turns the first stage off");
      assertTrue(allDead.biasNorm() > alive.biasNorm());
    }
  }
}
