package org.pathlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.model.ModelSpec;
import org.pathlab.model.Precision;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.path.Task;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.scenario.RunRef;
import org.pathlab.transform.TransformSettings;

/**
 * bf16 mixed precision on real Fashion-MNIST images: the matrix work runs in bfloat16, the master
 * weights stay fp32, a run is a function of its seed across restarts (a new trainer is a restarted
 * daemon's), and it learns what fp32 learns, nearly.
 */
class MixedPrecisionTest {

  private static final DatasetSpec DATA = new DatasetSpec("fashion-mnist", 1200, 300, 500, 0);
  private static final LearningProcess PROCESS = new LearningProcess(0.01, 0.9, 1e-3, 64, 3, 2, false, 0.01);

  @TempDir Path checkpoints;

  private static TrainRequest request(Precision precision, String model, int taskIndex, Task task, TaskOutcome.Completed previous) {
    return new TrainRequest(RunRef.parse("test/" + precision.id()), 5, taskIndex, DATA, ModelSpec.builtIn(model, null),
        TransformSettings.defaults(), new Step(task, PROCESS), previous == null ? null : previous.checkpoint(),
        previous == null ? null : previous.checkpointSha256(), null, precision.id());
  }

  private static TaskOutcome.Completed completed(TaskOutcome outcome) {
    return assertInstanceOf(TaskOutcome.Completed.class, outcome, () -> "expected completion, got " + outcome);
  }

  /** A path of two tasks (blur, then sharp) in a trainer that is closed afterwards, as a daemon is when it stops. */
  private List<TaskOutcome.Completed> path(Precision precision) {
    try (TaskTrainer trainer = new TaskTrainer(Device.cpu(), List.of(), checkpoints)) {
      TaskOutcome.Completed blurred = completed(trainer.train(request(precision, "small-cnn", 0, Task.of("blur", 1.0), null), EpochListener.NONE));
      TaskOutcome.Completed sharp = completed(trainer.train(request(precision, "small-cnn", 1, Task.target(), blurred), EpochListener.NONE));
      return List.of(blurred, sharp);
    }
  }

  @Test
  void bf16RunsAreAFunctionOfTheirSeedAcrossRestartsAndLearnWhatFp32Learns() {
    List<TaskOutcome.Completed> bf16 = path(Precision.BF16);
    List<TaskOutcome.Completed> restarted = path(Precision.BF16);
    assertEquals(bf16, restarted, "bf16: same seed, same numbers and same parameters after a restart (bit-identical on one machine)");
    List<TaskOutcome.Completed> fp32 = path(Precision.FP32);
    for (int task = 0; task < 2; task++) {
      assertNotEquals(fp32.get(task).checkpointSha256(), bf16.get(task).checkpointSha256(), "bf16 rounds otherwise: other parameters");
      assertEquals(fp32.get(task).metrics().initialParameters(), bf16.get(task).metrics().initialParameters(),
          "both start from the same fp32 weights");
    }
    double fp32Loss = fp32.get(1).metrics().targetTestLoss();
    double bf16Loss = bf16.get(1).metrics().targetTestLoss();
    assertTrue(bf16.get(1).metrics().targetTestAccuracy() > 0.5, "a trained CNN beats chance (0.1) by far; got " + bf16.get(1).metrics());
    assertTrue(Math.abs(bf16Loss - fp32Loss) < 0.05, "the same path in bf16 ends near fp32's test loss: " + bf16Loss + " vs " + fp32Loss);
  }

  @Test
  void theMatrixWorkIsBf16AndTheMasterWeightsStayFp32() throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network network = Networks.builtIn("resnet-18", null, 10, new Shape(1, 3, 32, 32), null, Precision.BF16, manager, 3);
        Network reference = Networks.builtIn("resnet-18", null, 10, new Shape(1, 3, 32, 32), null, Precision.FP32, manager, 3)) {
      Sgd sgd = new Sgd(network.block(), 0.01, 0.9, 1e-3);
      NDArray logits;
      NDArray fp32Logits;
      try (NDManager step = manager.newSubManager()) {
        NDArray x = step.randomUniform(0, 1, new Shape(4, 3, 32, 32));
        try (ThreadGradientCollector collector = new ThreadGradientCollector()) {
          logits = network.forward(x, true).singletonOrThrow();
          collector.backward(logits.sum());
        }
        assertEquals(DataType.FLOAT32, logits.getDataType(), "the logits come back as fp32, for the loss and the softmax");
        fp32Logits = reference.forward(x, true).singletonOrThrow();
        float gap = logits.sub(fp32Logits).abs().max().getFloat();
        float scale = fp32Logits.abs().max().getFloat();
        assertTrue(gap > 0, "bf16 rounds: the logits differ from fp32's");
        assertTrue(gap < 0.05f * Math.max(1f, scale), "but only by bf16's rounding: " + gap + " at scale " + scale);
        for (Pair<String, Parameter> p : network.block().getParameters()) {
          NDArray w = p.getValue().getArray();
          assertEquals(DataType.FLOAT32, w.getDataType(), p.getKey() + " is an fp32 master weight");
          if (p.getValue().requiresGradient()) assertEquals(DataType.FLOAT32, w.getGradient().getDataType(), p.getKey() + "'s gradient reaches it as fp32");
        }
        sgd.step();
      }
    }
  }

  @Test
  void aTorchScriptModuleIsNotTrainedInBf16() throws Exception {
    var module = new org.pathlab.model.TorchScriptModel("small_cnn.pt", "0".repeat(64), 1, 28, 28, 10,
        org.pathlab.model.TorchScriptModel.Init.PYTORCH_DEFAULT);
    TrainRequest r = new TrainRequest(RunRef.parse("test/ts"), 1, 0, DATA, new ModelSpec(org.pathlab.model.TorchScriptModel.NAME, null, module),
        TransformSettings.defaults(), new Step(Task.target(), PROCESS), null, null, null, Precision.BF16.id());
    try (TaskTrainer trainer = new TaskTrainer(Device.cpu(), List.of(), checkpoints)) {
      TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, trainer.train(r, EpochListener.NONE));
      assertTrue(failed.reason().contains("trains in fp32 only"), failed.reason());
    }
  }
}
