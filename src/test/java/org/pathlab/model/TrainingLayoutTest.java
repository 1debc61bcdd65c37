package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pathlab.train.ThreadGradientCollector;

/** The layout the trainer feeds a model changes how its bytes lie, never what it computes. */
class TrainingLayoutTest {

  private static NDArray batch(NDManager manager, int n, int channels, int size, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[n * channels * size * size];
    for (int i = 0; i < pixels.length; i++) pixels[i] = (float) random.nextGaussian();
    return manager.create(pixels, new Shape(n, channels, size, size));
  }

  @ParameterizedTest
  @CsvSource({"1, 28", "3, 32"})
  void theSmallCnnsBatchKeepsItsShapeAndValues(int channels, int size) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray x = batch(manager, 5, channels, size, 7);
      NDArray laid = Models.trainingLayout("small-cnn", x);
      assertEquals(x.getShape(), laid.getShape());
      assertArrayEquals(x.toFloatArray(), laid.toFloatArray(), 0f);
      // element (n, c, h, w) is the same element, not only the same multiset of values
      assertEquals(x.get("3, " + (channels - 1) + ", 5, 9").getFloat(), laid.get("3, " + (channels - 1) + ", 5, 9").getFloat(), 0f);
    }
  }

  @ParameterizedTest
  @CsvSource({"resnet-18", "unknown"})
  void otherModelsGetTheBatchAsItIs(String model) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray x = batch(manager, 2, 3, 32, 1);
      assertSame(x, Models.trainingLayout(model, x));
    }
  }

  /** Outputs, loss and every parameter's gradient agree with the NCHW batch's to float rounding. */
  @ParameterizedTest
  @CsvSource({"1, 28", "3, 32"})
  void theSmallCnnComputesTheSameOutputsAndGradients(int channels, int size) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Models.create("small-cnn", channels, size, 10);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
      PytorchInit.apply(block, 3);
      NDArray x = batch(manager, 16, channels, size, 11);
      NDArray y = manager.create(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5});
      Step nchw = step(block, manager, x, y);
      Step laid = step(block, manager, Models.trainingLayout("small-cnn", x), y);
      assertArrayEquals(nchw.output, laid.output, 1e-5f, "logits");
      assertEquals(nchw.loss, laid.loss, 1e-6f, "loss");
      for (int i = 0; i < nchw.gradients.size(); i++) {
        float[] a = nchw.gradients.get(i);
        float[] b = laid.gradients.get(i);
        float scale = 0;
        for (float v : a) scale = Math.max(scale, Math.abs(v));
        assertArrayEquals(a, b, 1e-4f * Math.max(scale, 1e-3f), "gradient of parameter " + i);
      }
    }
  }

  private record Step(float[] output, float loss, List<float[]> gradients) {}

  private static Step step(Block block, NDManager manager, NDArray x, NDArray y) {
    ParameterStore store = new ParameterStore(manager, false);
    float[] output;
    float loss;
    try (ThreadGradientCollector collector = new ThreadGradientCollector()) {
      NDList prediction = block.forward(store, new NDList(x), true);
      NDArray l = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), prediction);
      collector.backward(l);
      output = prediction.singletonOrThrow().toFloatArray();
      loss = l.getFloat();
    }
    List<float[]> gradients = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray g = p.getValue().getArray().getGradient();
      gradients.add(g.toFloatArray());
      g.subi(g); // zero for the next step
    }
    return new Step(output, loss, gradients);
  }
}
