package org.pathlab.train;

import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.path.Task;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.transform.TransformSettings;

/** Real DJL training on real Fashion-MNIST images, small enough for a test. */
class TaskTrainerTest {

  private static final DatasetSpec DATA = new DatasetSpec("fashion-mnist", 1200, 300, 500, 0);
  private static final LearningProcess PROCESS = new LearningProcess(0.01, 0.9, 1e-3, 64, 3, 2, false, 0.01);

  @TempDir static Path checkpoints;
  private static TaskTrainer trainer;

  @BeforeAll
  static void start() {
    trainer = new TaskTrainer(Device.cpu(), List.of(), checkpoints);
  }

  @AfterAll
  static void stop() {
    trainer.close();
  }

  private static TrainRequest request(long seed, int taskIndex, Task task, String checkpoint, String hash) {
    return new TrainRequest("test/" + seed, seed, taskIndex, DATA, "small-cnn", TransformSettings.defaults(), new Step(task, PROCESS), checkpoint, hash);
  }

  private static TaskOutcome.Completed completed(TaskOutcome outcome) {
    return assertInstanceOf(TaskOutcome.Completed.class, outcome, () -> "expected completion, got " + outcome);
  }

  @Test
  void trainingLearnsAndIsAFunctionOfTheSeed() throws Exception {
    List<EpochMetrics> seen = new ArrayList<>();
    TaskOutcome.Completed first = completed(trainer.train(request(7, 0, Task.target(), null, null), (t, m) -> seen.add(m)));
    TaskOutcome.Completed again = completed(trainer.train(request(7, 0, Task.target(), null, null), EpochListener.NONE));
    TaskOutcome.Completed other = completed(trainer.train(request(8, 0, Task.target(), null, null), EpochListener.NONE));

    TaskMetrics m = first.metrics();
    assertEquals(seen, m.epochs(), "the listener sees every epoch that is recorded");
    assertTrue(m.targetTestAccuracy() > 0.5, "10 classes: chance is 0.1, a trained CNN beats 0.5; got " + m.targetTestAccuracy());
    assertTrue(m.epochs().get(m.epochs().size() - 1).trainLoss() < m.epochs().get(0).trainLoss());
    assertEquals(m.epochs().get(m.bestEpoch() - 1).validationLoss(), m.bestValidationLoss());

    assertEquals(first, again, "same seed, same numbers and same parameters (bit-identical on CPU)");
    assertNotEquals(first.checkpointSha256(), other.checkpointSha256(), "another seed initializes differently");
    assertEquals(first.checkpointSha256(), Checkpoints.sha256(Files.readAllBytes(checkpoints.resolve(first.checkpoint()))));
  }

  @Test
  void aTaskContinuesFromTheCheckpointOfThePreviousOne() throws Exception {
    TaskOutcome.Completed blurred = completed(trainer.train(request(3, 0, Task.of("blur", 1.0), null, null), EpochListener.NONE));
    assertNotEquals(blurred.metrics().targetTestLoss(), blurred.metrics().taskTestLoss(),
        "a blurred task's own test set differs from the clean target test set");
    TrainRequest next = request(3, 1, Task.target(), blurred.checkpoint(), blurred.checkpointSha256());
    TaskOutcome.Completed sharp = completed(trainer.train(next, EpochListener.NONE));
    TaskOutcome.Completed sharpAgain = completed(trainer.train(next, EpochListener.NONE));
    assertEquals(sharp, sharpAgain, "resuming from the same checkpoint gives the same result");
    TaskOutcome.Completed scratch = completed(trainer.train(request(3, 1, Task.target(), null, null), EpochListener.NONE));
    assertNotEquals(sharp.checkpointSha256(), scratch.checkpointSha256(), "the checkpoint was used, not a fresh start");
  }

  @Test
  void theSmallCnnTrainsAtOtherWidthsAndContinuesAtThem() throws Exception {
    SmallCnnWidths narrow = new SmallCnnWidths(8, 12, 24);
    TrainRequest first = new TrainRequest("test/narrow", 7, 0, DATA, "small-cnn", TransformSettings.defaults(),
        new Step(Task.of("blur", 1.0), PROCESS), null, null, narrow);
    TaskOutcome.Completed done = completed(trainer.train(first, EpochListener.NONE));
    TaskMetrics m = done.metrics();
    assertTrue(m.epochs().get(m.epochs().size() - 1).trainLoss() < m.epochs().get(0).trainLoss(), "training reduces the loss");
    assertTrue(m.targetTestAccuracy() > 0.2, "better than chance (0.1): " + m.targetTestAccuracy());
    // the checkpoint holds the narrow model's parameters: 4 bytes each, plus a header
    long bytes = Files.size(checkpoints.resolve(done.checkpoint()));
    long count = narrow.parameterCount(1, 28, 10);
    assertTrue(bytes >= 4 * count && bytes < 4 * SmallCnnWidths.DEFAULT.parameterCount(1, 28, 10),
        bytes + " bytes for " + count + " parameters");
    TaskOutcome.Completed wide = completed(trainer.train(request(7, 0, Task.of("blur", 1.0), null, null), EpochListener.NONE));
    assertNotEquals(wide.checkpointSha256(), done.checkpointSha256(), "other widths, another model");

    TrainRequest next = new TrainRequest("test/narrow", 7, 1, DATA, "small-cnn", TransformSettings.defaults(),
        new Step(Task.target(), PROCESS), done.checkpoint(), done.checkpointSha256(), narrow);
    completed(trainer.train(next, EpochListener.NONE));
    TrainRequest explicitDefaults = new TrainRequest("test/7", 7, 0, DATA, "small-cnn", TransformSettings.defaults(),
        new Step(Task.of("blur", 1.0), PROCESS), null, null, SmallCnnWidths.DEFAULT);
    assertEquals(wide, completed(trainer.train(explicitDefaults, EpochListener.NONE)), "the defaults are today's model");
  }

  @Test
  void aCheckpointWhoseHashDoesNotMatchIsRefused() throws Exception {
    TaskOutcome.Completed done = completed(trainer.train(request(5, 0, Task.target(), null, null), EpochListener.NONE));
    byte[] bytes = Files.readAllBytes(checkpoints.resolve(done.checkpoint()));
    bytes[bytes.length - 1] ^= 1;
    Path copy = checkpoints.resolve("tampered.params");
    Files.write(copy, bytes);
    TaskOutcome outcome = trainer.train(request(5, 1, Task.target(), "tampered.params", done.checkpointSha256()), EpochListener.NONE);
    TaskOutcome.CheckpointRejected rejected = assertInstanceOf(TaskOutcome.CheckpointRejected.class, outcome);
    assertTrue(rejected.reason().contains("SHA-256"), rejected.reason());
    TaskOutcome missing = trainer.train(request(5, 1, Task.target(), "gone.params", done.checkpointSha256()), EpochListener.NONE);
    assertInstanceOf(TaskOutcome.CheckpointRejected.class, missing);
  }

  @Test
  void dataOrderDependsOnSeedTaskAndEpochOnly() {
    assertArrayEquals(DataOrder.permutation(100, 1, 0, 1), DataOrder.permutation(100, 1, 0, 1));
    assertNotEquals(List.of(DataOrder.permutation(100, 1, 0, 1)), List.of(DataOrder.permutation(100, 1, 0, 2)));
    long[] p = DataOrder.permutation(100, 1, 1, 1);
    assertEquals(4950, java.util.Arrays.stream(p).sum(), "a permutation of 0..99");
  }

  @Test
  void randomShiftsContrastAndBiasResetAreReproducibleFromTheSeed() {
    Task corrupted = Task.of(java.util.Map.of("shift", 1.0, "contrast", 0.5, "blur", 0.5));
    LearningProcess reset = new LearningProcess(0.01, 0.9, 1e-3, 64, 2, 2, true, 0.01);
    TrainRequest r = new TrainRequest("test/shift", 11, 0, DATA, "small-cnn", new TransformSettings(6),
        new Step(corrupted, reset), null, null);
    TaskOutcome.Completed first = completed(trainer.train(r, EpochListener.NONE));
    TaskOutcome.Completed again = completed(trainer.train(r, EpochListener.NONE));
    assertEquals(first, again, "shift offsets come from (seed, task, epoch, batch): same seed, same numbers");
    TrainRequest noReset = new TrainRequest("test/shift", 11, 0, DATA, "small-cnn", new TransformSettings(6),
        new Step(corrupted, reset.withBiasReset(false)), null, null);
    assertNotEquals(first.checkpointSha256(), completed(trainer.train(noReset, EpochListener.NONE)).checkpointSha256(),
        "bias reset changes the result");
    assertNotEquals(first.metrics().targetTestLoss(), first.metrics().taskTestLoss());
  }

  @Test
  void aCancelledTaskStopsBeforeItsNextEpoch() {
    int[] epochs = {0};
    TaskOutcome outcome = trainer.train(request(9, 0, Task.target(), null, null), (t, m) -> epochs[0]++, () -> epochs[0] >= 1);
    TaskOutcome.Cancelled cancelled = assertInstanceOf(TaskOutcome.Cancelled.class, outcome);
    assertEquals(2, cancelled.epoch(), "stopped before epoch 2");
    assertEquals(1, epochs[0]);
  }

  @Test
  void aMissingDatasetIsAFailureThatIsNotRetried() {
    DatasetSpec svhn = new DatasetSpec("svhn", 100, 10, 10, 0);
    TrainRequest r = new TrainRequest("test/svhn", 1, 0, svhn, "small-cnn", TransformSettings.defaults(),
        new Step(Task.target(), PROCESS), null, null);
    TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, trainer.train(r, EpochListener.NONE));
    assertTrue(failed.reason().contains("dataset 'svhn' not found"), failed.reason());
    assertTrue(!failed.retryable());
  }

  @Test
  void aLossThatBecomesNotFiniteIsReportedAsDivergence() {
    LearningProcess explosive = new LearningProcess(1e6, 0.9, 1e-3, 64, 3, 3, false, 0.01);
    TrainRequest r = new TrainRequest("test/nan", 1, 0, DATA, "small-cnn", TransformSettings.defaults(),
        new Step(Task.target(), explosive), null, null);
    TaskOutcome.Diverged diverged = assertInstanceOf(TaskOutcome.Diverged.class, trainer.train(r, EpochListener.NONE));
    assertEquals(1, diverged.epoch());
    assertTrue(diverged.reason().contains("NaN") || diverged.reason().contains("Infinity"), diverged.reason());
  }
}
