package org.pathlab.train;

import org.pathlab.metrics.EpochMetrics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.data.RootedFiles;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.model.TorchScriptModel.Init;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.path.Task;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.transform.TransformSettings;

/**
 * A researcher's TorchScript module trained by pathlab's own trainer, on real Fashion-MNIST images:
 * the small CNN written in PyTorch (src/test/resources/torchscript/make_models.py) starts from the
 * built-in small CNN's parameters and trains like it; checkpoints hold batch-norm buffers and are
 * the same bytes for the same run; a changed or unreachable file is refused.
 */
class TorchScriptTest {

  static final Path MODELS = Path.of("src/test/resources/torchscript").toAbsolutePath();
  private static final DatasetSpec DATA = new DatasetSpec("fashion-mnist", 1000, 300, 500, 0);
  private static final LearningProcess PROCESS = new LearningProcess(0.01, 0.9, 1e-3, 64, 2, 2, false, 0.01);

  @TempDir static Path checkpoints;
  private static TaskTrainer trainer;

  @BeforeAll
  static void start() {
    trainer = new TaskTrainer(Device.cpu(), List.of(), List.of(MODELS), checkpoints);
  }

  @AfterAll
  static void stop() {
    trainer.close();
  }

  static TorchScriptModel model(String file, Init init) throws Exception {
    return new TorchScriptModel(file, RootedFiles.sha256(MODELS.resolve(file)), 1, 28, 28, 10, init);
  }

  private static TrainRequest request(TorchScriptModel model, long seed, int task, LearningProcess process, String checkpoint, String sha) {
    return new TrainRequest("ts/" + seed, seed, task, DATA, model == null ? "small-cnn" : TorchScriptModel.NAME, TransformSettings.defaults(),
        new Step(task == 0 ? Task.of("blur", 1.0) : Task.target(), process), checkpoint, sha,
        null, model);
  }

  private static TaskOutcome.Completed completed(TaskOutcome outcome) {
    return assertInstanceOf(TaskOutcome.Completed.class, outcome, () -> "expected completion, got " + outcome);
  }

  @Test
  void theSmallCnnAsTorchScriptStartsFromTheBuiltInParametersAndTrainsAlike() throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network script = TorchScriptNetwork.open(model("small_cnn.pt", Init.PYTORCH_DEFAULT), List.of(MODELS), manager, 11, null);
        Network builtIn = BuiltInNetwork.create("small-cnn", null, 10, new Shape(1, 1, 28, 28), Device.cpu(), org.pathlab.model.Precision.FP32, manager, 11, null)) {
      var a = script.block().getParameters();
      var b = builtIn.block().getParameters();
      assertEquals(b.size(), a.size(), "the same parameters");
      for (int i = 0; i < a.size(); i++) {
        assertEquals(b.get(i).getValue().getArray().getShape(), a.get(i).getValue().getArray().getShape(), a.get(i).getKey());
        assertArrayEquals(b.get(i).getValue().getArray().toFloatArray(), a.get(i).getValue().getArray().toFloatArray(),
            a.get(i).getKey() + " starts as the built-in " + b.get(i).getKey() + " does");
      }
    }
    List<EpochMetrics> script = completed(trainer.train(request(model("small_cnn.pt", Init.PYTORCH_DEFAULT), 11, 0, PROCESS, null, null),
        EpochListener.NONE)).metrics().epochs();
    List<EpochMetrics> builtIn = completed(trainer.train(request(null, 11, 0, PROCESS, null, null), EpochListener.NONE)).metrics().epochs();
    double relative = Math.abs(script.get(0).trainLoss() - builtIn.get(0).trainLoss()) / builtIn.get(0).trainLoss();
    assertTrue(relative < 1e-4, "first-epoch training loss " + script.get(0).trainLoss() + " (TorchScript) against "
        + builtIn.get(0).trainLoss() + " (built-in)");
    assertTrue(script.get(0).validationLoss() < Math.log(10), "it learns (below chance): " + script.get(0));
  }

  @Test
  void channelsLastOnTheCpuWhereTheModuleTakesItNchwWhereItReshapesWithView() throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        TorchScriptNetwork flatten = TorchScriptNetwork.open(model("small_cnn.pt", Init.PYTORCH_DEFAULT), List.of(MODELS), manager, 1, null);
        TorchScriptNetwork view = TorchScriptNetwork.open(model("view_cnn.pt", Init.PYTORCH_DEFAULT), List.of(MODELS), manager, 1, null)) {
      assertEquals(org.pathlab.model.MemoryLayout.CHANNELS_LAST, flatten.layout());
      assertEquals(org.pathlab.model.MemoryLayout.NCHW, view.layout(), "view cannot take a channels-last batch");
    }
    TaskOutcome.Completed trained = completed(trainer.train(request(model("view_cnn.pt", Init.PYTORCH_DEFAULT), 11, 0, PROCESS, null, null),
        EpochListener.NONE));
    TaskOutcome.Completed same = completed(trainer.train(request(model("small_cnn.pt", Init.PYTORCH_DEFAULT), 11, 0, PROCESS, null, null),
        EpochListener.NONE));
    assertEquals(same.metrics().epochs().get(0).trainLoss(), trained.metrics().epochs().get(0).trainLoss(), 1e-4,
        "the same network in either layout");
  }

  @Test
  void seedsDifferUnderPytorchDefaultAndStartEqualFromTheFile() throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      float[] seven = firstWeights(TorchScriptNetwork.open(model("small_cnn.pt", Init.PYTORCH_DEFAULT), List.of(MODELS), manager, 7, null));
      float[] eight = firstWeights(TorchScriptNetwork.open(model("small_cnn.pt", Init.PYTORCH_DEFAULT), List.of(MODELS), manager, 8, null));
      float[] fileA = firstWeights(TorchScriptNetwork.open(model("small_cnn.pt", Init.FILE), List.of(MODELS), manager, 7, null));
      float[] fileB = firstWeights(TorchScriptNetwork.open(model("small_cnn.pt", Init.FILE), List.of(MODELS), manager, 8, null));
      assertNotEquals(java.util.Arrays.toString(seven), java.util.Arrays.toString(eight));
      assertArrayEquals(fileA, fileB, "init = file: the saved weights, whatever the seed");
      assertNotEquals(java.util.Arrays.toString(seven), java.util.Arrays.toString(fileA));
    }
  }

  private static float[] firstWeights(Network network) {
    try (network) {
      return network.block().getParameters().get(0).getValue().getArray().toFloatArray();
    }
  }

  @Test
  void checkpointsKeepBatchNormStatisticsAndAreTheSameBytesForTheSameRun() throws Exception {
    TorchScriptModel bn = model("batchnorm_cnn.pt", Init.PYTORCH_DEFAULT);
    LearningProcess reset = new LearningProcess(0.01, 0.9, 1e-3, 64, 2, 2, true, 0.01);
    TaskOutcome.Completed first = completed(trainer.train(request(bn, 3, 0, PROCESS, null, null), EpochListener.NONE));
    TaskOutcome.Completed again = completed(trainer.train(request(bn, 3, 0, PROCESS, null, null), EpochListener.NONE));
    assertEquals(first.checkpointSha256(), again.checkpointSha256(), "a run is a function of its seed, down to the checkpoint's bytes");
    assertEquals(first.metrics(), again.metrics());
    TaskOutcome.Completed second = completed(trainer.train(request(bn, 3, 1, reset, first.checkpoint(), first.checkpointSha256()),
        EpochListener.NONE));
    TaskOutcome.Completed secondAgain = completed(trainer.train(request(bn, 3, 1, reset, first.checkpoint(), first.checkpointSha256()),
        EpochListener.NONE));
    assertEquals(second.metrics(), secondAgain.metrics(), "continued from the checkpoint, twice the same");
    assertNotEquals(first.checkpointSha256(), second.checkpointSha256());
    // the restored module evaluates as the trained one did: running statistics came back with the weights
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      byte[] saved = Files.readAllBytes(checkpoints.resolve(first.checkpoint()));
      try (Network restored = TorchScriptNetwork.open(bn, List.of(MODELS), manager, 3, saved)) {
        // the checkpoint was written in evaluation mode; an evaluation pass changes no parameter and no buffer
        restored.forward(manager.randomUniform(0, 1, new Shape(2, 1, 28, 28)), false);
        assertEquals(first.checkpointSha256(), Checkpoints.sha256(restored.save()),
            "loaded and saved again: the same bytes, running statistics included");
        restored.forward(manager.randomUniform(0, 1, new Shape(2, 1, 28, 28)), true);
        restored.forward(manager.randomUniform(0, 1, new Shape(2, 1, 28, 28)), false);
        assertNotEquals(first.checkpointSha256(), Checkpoints.sha256(restored.save()),
            "a training pass moves the running statistics, and the saved bytes show it");
      }
    }
    assertTrue(first.metrics().biasNorm() > 0 && first.metrics().deadReluFractions().isEmpty(), "norms measured; no known ReLU stages");
  }

  @Test
  void aChangedFileOrOneOutsideTheRootsIsRefusedNotTrained(@TempDir Path root) throws Exception {
    Path copy = root.resolve("mine.pt");
    Files.copy(MODELS.resolve("small_cnn.pt"), copy);
    TorchScriptModel mine = new TorchScriptModel("mine.pt", RootedFiles.sha256(copy), 1, 28, 28, 10, Init.PYTORCH_DEFAULT);
    try (TaskTrainer confined = new TaskTrainer(Device.cpu(), List.of(), List.of(root), checkpoints)) {
      completed(confined.train(request(mine, 1, 0, PROCESS, null, null), EpochListener.NONE));
      Files.write(copy, Files.readAllBytes(MODELS.resolve("batchnorm_cnn.pt")));
      var changed = assertInstanceOf(TaskOutcome.Failed.class, confined.train(request(mine, 1, 0, PROCESS, null, null), EpochListener.NONE));
      assertTrue(changed.reason().contains("has changed since the experiment was submitted"), changed.reason());
      assertTrue(!changed.retryable(), "a changed file does not get better by retrying");
      TorchScriptModel outside = new TorchScriptModel(MODELS.resolve("small_cnn.pt").toString(), mine.sha256(), 1, 28, 28, 10, Init.FILE);
      var refused = assertInstanceOf(TaskOutcome.Failed.class, confined.train(request(outside, 1, 0, PROCESS, null, null), EpochListener.NONE));
      assertTrue(refused.reason().contains("is not a file under the allowed roots [" + root.toRealPath() + "]"), refused.reason());
    }
  }
}
