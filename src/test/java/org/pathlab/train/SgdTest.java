package org.pathlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Sgd} against torch.optim.SGD's rule (dampening 0, no Nesterov), computed here in double
 * precision: a linear layer y = Wx + b under the loss sum(c ⊙ y), whose gradients are known in
 * closed form (dW = c xᵀ, db = c), trained for several steps on changing inputs.
 */
class SgdTest {

  private static final float[] W0 = {0.5f, -0.25f, 0.125f, -1f, 0.75f, 0.3f};
  private static final float[] B0 = {0.1f, -0.2f};
  private static final double[] C = {1.5, -0.5};

  private static double[] input(int step) {
    return new double[] {1.0 + step, -0.5 * step, 0.25 + 0.1 * step};
  }

  @ParameterizedTest(name = "lr {0}, momentum {1}, weight decay {2}")
  @CsvSource({"0.01, 0.9, 0.001", "0.1, 0, 0.01", "0.05, 0.5, 0", "0.01, 0, 0"})
  void followsPytorchsRuleStepByStep(double lr, double momentum, double wd) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block linear = Linear.builder().setUnits(2).build();
      linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      Parameter weight = linear.getParameters().get("weight");
      Parameter bias = linear.getParameters().get("bias");
      try (ThreadGradientCollector.NoGrad off = ThreadGradientCollector.noGrad()) {
        weight.getArray().set(W0);
        bias.getArray().set(B0);
      }
      Sgd sgd = new Sgd(linear, lr, momentum, wd);

      double[] w = new double[6];
      double[] b = new double[2];
      for (int i = 0; i < 6; i++) w[i] = W0[i];
      for (int i = 0; i < 2; i++) b[i] = B0[i];
      double[] bufW = new double[6];
      double[] bufB = new double[2];
      ParameterStore store = new ParameterStore(manager, false);
      for (int step = 0; step < 5; step++) {
        double[] x = input(step);
        try (NDManager scope = manager.newSubManager()) {
          NDArray in = scope.create(new float[] {(float) x[0], (float) x[1], (float) x[2]}, new Shape(1, 3));
          NDArray c = scope.create(new float[] {(float) C[0], (float) C[1]}, new Shape(1, 2));
          try (GradientCollector collector = new ThreadGradientCollector()) {
            NDArray y = linear.forward(store, new NDList(in), true).singletonOrThrow();
            collector.backward(y.mul(c).sum());
          }
          sgd.step();
        }
        // torch.optim.SGD: d_p = g + wd·w; buf = d_p (first step) or m·buf + d_p; w -= lr·buf
        for (int o = 0; o < 2; o++) {
          for (int k = 0; k < 3; k++) {
            int i = o * 3 + k;
            double d = C[o] * x[k] + wd * w[i];
            bufW[i] = step == 0 ? d : momentum * bufW[i] + d;
            w[i] -= lr * bufW[i];
          }
          double d = C[o] + wd * b[o];
          bufB[o] = step == 0 ? d : momentum * bufB[o] + d;
          b[o] -= lr * bufB[o];
        }
        float[] gotW = weight.getArray().toFloatArray();
        float[] gotB = bias.getArray().toFloatArray();
        for (int i = 0; i < 6; i++) assertEquals(w[i], gotW[i], 1e-5, "weight " + i + " after step " + (step + 1));
        for (int i = 0; i < 2; i++) assertEquals(b[i], gotB[i], 1e-5, "bias " + i + " after step " + (step + 1));
      }
    }
  }

  @Test
  void refusesSettingsPytorchWouldRefuse() {
    Block linear = Linear.builder().setUnits(2).build();
    assertThrows(IllegalArgumentException.class, () -> new Sgd(linear, 0, 0.9, 0));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(linear, 0.01, -0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(linear, 0.01, 1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(linear, 0.01, 0.9, -1e-3));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(linear, Double.NaN, 0.9, 0));
  }
}
