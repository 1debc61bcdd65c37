package org.pathlab.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import org.pathlab.model.MemoryLayout;
import org.pathlab.model.Models;
import org.pathlab.model.PytorchInit;
import org.pathlab.train.Sgd;

/**
 * One model with pathlab's optimizer (SGD, momentum 0.9, weight decay 1e-3) stepping on one fixed
 * batch, the way the trainer steps: a sub-manager per step, closed after it.
 */
final class StepRunner implements AutoCloseable {

  private final Model model;
  private final Trainer trainer;
  private final Sgd sgd;
  private final NDArray x;
  private final NDArray y;
  private final MemoryLayout layout;

  /** The benches' {@code --layout}: as the trainer lays a model out, or NCHW regardless. */
  enum Layout { trained, nchw }

  StepRunner(String modelName, SyntheticBatch batch, int batchSize, long seed, double learningRate, Device device, Layout layout) {
    this.layout = layout == Layout.nchw ? MemoryLayout.NCHW : MemoryLayout.of(modelName, device);
    int[] input = SyntheticBatch.inputOf(modelName);
    Shape shape = new Shape(batchSize, input[0], input[1], input[1]);
    Block block = Models.create(modelName, input[0], input[1], 10);
    model = Model.newInstance("bench-" + modelName, device, "PyTorch");
    this.layout.allocate(block);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, input[0], input[1], input[1]));
    PytorchInit.apply(block, seed);
    // DJL's trainer runs the forward pass; the update is pathlab's Sgd, as in the trainer.
    trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optDevices(new Device[] {device}));
    trainer.initialize(new Shape(1, input[0], input[1], input[1]));
    sgd = new Sgd(block, learningRate, 0.9, 1e-3);
    x = model.getNDManager().create(batch.pixels(), shape);
    y = model.getNDManager().create(batch.labels());
  }

  /**
   * One training step. Like the reference's step it does not read the loss back: the trainer sums
   * losses on the device and reads them once per epoch, so a read per step would time work that
   * training does not do.
   */
  void step() {
    try (NDManager step = trainer.getManager().newSubManager()) {
      try (GradientCollector collector = new org.pathlab.train.ThreadGradientCollector()) {
        NDArray input = x.duplicate();
        input.attach(step);
        NDList prediction = trainer.forward(new NDList(layout.batch(input)));
        NDArray l = trainer.getLoss().evaluate(new NDList(y), prediction);
        collector.backward(l);
      }
      sgd.step();
    }
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
