package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small CNN at any widths: the architecture the formula says, and every layer-indexed helper still right. */
class SmallCnnWidthsTest {

  private static long trainable(Block block) {
    long n = 0;
    for (Pair<String, Parameter> p : block.getParameters()) n += p.getValue().getArray().size();
    return n;
  }

  @ParameterizedTest
  @CsvSource({"16, 32, 64, 1, 28", "8, 12, 24, 1, 28", "32, 64, 128, 3, 32", "1, 1, 1, 1, 28", "5, 7, 300, 3, 32"})
  void parametersAndOutputFollowTheWidths(int conv1, int conv2, int hidden, int channels, int size) {
    SmallCnnWidths widths = new SmallCnnWidths(conv1, conv2, hidden);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Architectures.create(ModelKind.of("small-cnn"), widths, 10);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
      assertEquals(widths.parameterCount(channels, size, 10), trainable(block));
      assertEquals(new Shape(2, 10), block.getOutputShapes(new Shape[] {new Shape(2, channels, size, size)})[0]);
      List<Long> convOut = new ArrayList<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray a = p.getValue().getArray();
        if (a.getShape().dimension() == 4) convOut.add(a.getShape().get(0));
      }
      assertEquals(List.of((long) conv1, (long) conv2), convOut);
    }
  }

  @Test
  void theDefaultsAreTheArchitectureBeforeWidthsWereASetting() {
    assertEquals(new SmallCnnWidths(16, 32, 64), SmallCnnWidths.DEFAULT);
    assertEquals(105866, SmallCnnWidths.DEFAULT.parameterCount(1, 28, 10), "BiasResetTest's count for the small CNN");
    assertEquals(SmallCnnWidths.DEFAULT, SmallCnnWidths.orDefault(null));
    assertTrue(SmallCnnWidths.DEFAULT.matchesDefault());
    assertFalse(new SmallCnnWidths(16, 32, 65).matchesDefault());
    assertEquals("channels 16, 32; hidden 64", SmallCnnWidths.DEFAULT.describe());
  }

  @Test
  void widthsOutsideTheBoundsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SmallCnnWidths(0, 32, 64));
    assertThrows(IllegalArgumentException.class, () -> new SmallCnnWidths(16, SmallCnnWidths.MAX_CHANNELS + 1, 64));
    assertThrows(IllegalArgumentException.class, () -> new SmallCnnWidths(16, 32, SmallCnnWidths.MAX_HIDDEN + 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Architectures.create(ModelKind.of("resnet-18"), new SmallCnnWidths(8, 8, 8), 10));
    assertTrue(e.getMessage().contains("only small-cnn"), e.getMessage());
  }

  /** PyTorch's init, channels-last weights, bias reset and the dead-unit probe at widths other than the defaults. */
  @Test
  void initLayoutBiasResetAndProbeWorkAtOtherWidths() {
    SmallCnnWidths widths = new SmallCnnWidths(8, 24, 40);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Architectures.create(ModelKind.of("small-cnn"), widths, 10);
      MemoryLayout.CHANNELS_LAST.allocate(block);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      PytorchInit.apply(block, 5);
      int convolutions = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray a = p.getValue().getArray();
        if (a.getShape().dimension() == 4) {
          convolutions++;
          assertTrue(MemoryLayoutTest.isChannelsLast(a), "channels-last " + p.getKey());
          // PyTorch's default: uniform within ±1/sqrt(fan_in)
          double bound = 1 / Math.sqrt(a.getShape().get(1) * 9.0);
          for (float v : a.toFloatArray()) assertTrue(Math.abs(v) <= bound, p.getKey() + " " + v);
        }
      }
      assertEquals(2, convolutions);
      long biases = BiasReset.apply(block, 0.01);
      assertEquals(widths.conv1() + widths.conv2() + widths.hidden() + 10, biases);
      NDArray probe = manager.randomUniform(0, 1, new Shape(8, 1, 28, 28));
      var result = ActivationProbe.measure(block, ModelKind.of("small-cnn").reluStages(), probe, manager);
      assertEquals(3, result.deadFractions().size(), "conv1, conv2 and fc1 are ReLU stages at any widths");
    }
  }
}
