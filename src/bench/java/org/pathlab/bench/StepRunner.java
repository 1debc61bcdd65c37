package org.pathlab.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.List;
import org.pathlab.model.MemoryLayout;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.train.Network;
import org.pathlab.train.Networks;
import org.pathlab.train.Sgd;

/**
 * One model with pathlab's optimizer (SGD, momentum 0.9, weight decay 1e-3) stepping on one fixed
 * batch, the way the trainer steps: through the trainer's {@link Network}, a sub-manager per step,
 * closed after it. The model is a built-in one, or (with {@code torchscript}) a TorchScript module
 * taking the built-in model's input.
 */
final class StepRunner implements AutoCloseable {

  private static final Loss LOSS = Loss.softmaxCrossEntropyLoss();

  private final NDManager manager;
  private final Network network;
  private final Sgd sgd;
  private final NDArray x;
  private final NDArray y;

  /** The benches' {@code --layout}: as the trainer lays a model out, or NCHW regardless. */
  enum Layout { trained, nchw }

  StepRunner(String modelName, SyntheticBatch batch, int batchSize, long seed, double learningRate, Device device, Layout layout) throws Exception {
    this(modelName, null, batch, batchSize, seed, learningRate, device, layout, org.pathlab.model.Precision.FP32);
  }

  /** {@code torchscript}: a module file to train instead of the built-in model (null: the built-in one). */
  StepRunner(String modelName, Path torchscript, SyntheticBatch batch, int batchSize, long seed, double learningRate, Device device,
      Layout layout, org.pathlab.model.Precision precision) throws Exception {
    int[] input = SyntheticBatch.inputOf(modelName);
    Shape shape = new Shape(batchSize, input[0], input[1], input[1]);
    manager = NDManager.newBaseManager(device, "PyTorch");
    if (torchscript != null) {
      Path file = torchscript.toAbsolutePath().normalize();
      var model = new TorchScriptModel(file.getFileName().toString(), org.pathlab.data.RootedFiles.sha256(file), input[0], input[1],
          input[1], 10, TorchScriptModel.Init.PYTORCH_DEFAULT);
      network = Networks.torchScript(model, List.of(file.getParent()), manager, seed);
    } else {
      network = Networks.builtIn(modelName, null, 10, new Shape(1, input[0], input[1], input[1]),
          layout == Layout.nchw ? MemoryLayout.NCHW : null, precision, manager, seed);
    }
    sgd = new Sgd(network.block(), learningRate, 0.9, 1e-3);
    x = manager.create(batch.pixels(), shape);
    y = manager.create(batch.labels());
  }

  /**
   * One training step. Like the reference's step it does not read the loss back: the trainer sums
   * losses on the device and reads them once per epoch, so a read per step would time work that
   * training does not do.
   */
  void step() {
    try (NDManager step = manager.newSubManager()) {
      try (GradientCollector collector = new org.pathlab.train.ThreadGradientCollector()) {
        NDArray input = x.duplicate();
        input.attach(step);
        NDList prediction = network.forward(input, true);
        NDArray l = LOSS.evaluate(new NDList(y), prediction);
        collector.backward(l);
      }
      sgd.step();
    }
  }

  /**
   * Waits until the device has done all the work queued so far: reading a value back does. On a
   * CPU every step is done when it returns; on a GPU the steps are queued, and a clock stopped
   * without this would count only their launches.
   */
  void sync() {
    try (NDManager read = manager.newSubManager()) {
      read.zeros(new Shape()).getFloat();
    }
  }

  @Override
  public void close() {
    network.close();
    manager.close();
  }
}
