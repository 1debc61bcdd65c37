package org.pathlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.data.DeviceDataset;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.path.Task;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.transform.TransformSettings;

/** Fashion-MNIST reshaped to 3×32×32 reaches the model as such: the CIFAR ResNet-18 trains on it. */
class ReshapedDatasetTest {

  private static final DatasetSpec RGB32 = new DatasetSpec("fashion-mnist", 256, 128, 128, 0, 3, 32);

  @TempDir Path checkpoints;

  @Test
  void theTrainersTensorsHaveTheAskedShapeAndTheirOwnNormalization() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu()); DatasetCache cache = new DatasetCache(manager, List.of())) {
      DeviceDataset shaped = cache.get(RGB32);
      DeviceDataset stored = cache.get(new DatasetSpec("fashion-mnist", 256, 128, 128, 0));
      assertEquals(new Shape(256, 3, 32, 32), shaped.images(DeviceDataset.Split.TRAIN).getShape());
      assertEquals(new Shape(128, 3, 32, 32), shaped.images(DeviceDataset.Split.TEST).getShape());
      assertEquals(new Shape(256, 1, 28, 28), stored.images(DeviceDataset.Split.TRAIN).getShape());
      assertEquals(3, shaped.mean().length);
      // the zero border lowers the mean: 28² of every 32² pixels are the image's
      double expected = stored.mean()[0] * 28 * 28 / (32 * 32);
      assertEquals(expected, shaped.mean()[0], 1e-5 * Math.abs(expected));
    }
  }

  @Test
  @Tag("slow")
  void theCifarResNet18TrainsOnIt() throws Exception {
    LearningProcess oneEpoch = new LearningProcess(0.01, 0.9, 1e-3, 64, 1, 1, false, 0.01);
    try (TaskTrainer trainer = new TaskTrainer(Device.cpu(), List.of(), checkpoints)) {
      TrainRequest request = new TrainRequest("rgb32/1", 1, 0, RGB32, "resnet-18", TransformSettings.defaults(),
          new Step(Task.target(), oneEpoch), null, null);
      TaskOutcome.Completed done = assertInstanceOf(TaskOutcome.Completed.class, trainer.train(request, EpochListener.NONE));
      assertEquals(1, done.metrics().epochs().size());
      assertTrue(Double.isFinite(done.metrics().targetTestLoss()) && done.metrics().targetTestLoss() > 0, done.metrics().toString());
    }
  }
}
