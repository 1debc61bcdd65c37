package org.pathlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.path.Task;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.transform.TransformSettings;

/**
 * The memory layout is part of the request (issue T, Observed 4): a trainer trains a built-in
 * model in the layout the request names — the one the supervisor's prefix key was made for —
 * not the one its own CPU would choose, so that in a cluster of mixed CPUs a key never names a
 * layout its checkpoint was not trained in. Layouts differ in their float rounding, so a
 * checkpoint tells which one trained it.
 */
class CpuLayoutTest {

  private static final DatasetSpec DATA = new DatasetSpec("fashion-mnist", 600, 200, 300, 0);
  private static final LearningProcess PROCESS = new LearningProcess(0.01, 0.9, 1e-3, 64, 2, 2, false, 0.01);

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

  private static TaskOutcome.Completed train(String layout) throws Exception {
    TrainRequest r = new TrainRequest(org.pathlab.scenario.RunRef.parse("test/layout"), 5, 0, DATA, org.pathlab.model.ModelSpec.builtIn("small-cnn", null),
        TransformSettings.defaults(), new Step(Task.target(), PROCESS), null, null, layout);
    return assertInstanceOf(TaskOutcome.Completed.class, trainer.train(r, EpochListener.NONE));
  }

  @Test
  void theRequestsLayoutIsTheOneTrainedIn() throws Exception {
    TaskOutcome.Completed hostsOwn = train(null); // the small CNN trains channels-last on every CPU
    TaskOutcome.Completed channelsLast = train(TrainRequest.CHANNELS_LAST);
    TaskOutcome.Completed nchw = train(TrainRequest.NCHW); // as a supervisor on another host might ask
    assertEquals(hostsOwn.checkpointSha256(), channelsLast.checkpointSha256(), "naming the host's own layout changes nothing");
    assertNotEquals(channelsLast.checkpointSha256(), nchw.checkpointSha256(), "NCHW was trained in, not the host's channels-last");
    assertEquals(nchw.checkpointSha256(), train(TrainRequest.NCHW).checkpointSha256(), "and deterministically so");
  }
}
