package org.pathlab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent;

class TrainedOnTest {

  @Test
  void theStringsOfOlderJournalsReadAsTheType() {
    assertEquals(new TrainedOn(null, "gpu0", "gpu(0)"), TrainedOn.parse("gpu0 gpu(0)"));
    assertEquals(new TrainedOn(null, null, "cpu()"), TrainedOn.parse("cpu()"), "before the trainer was recorded");
    assertEquals(new TrainedOn(null, null, null), TrainedOn.parse(null), "before the device was recorded");
    assertEquals("gpu0 gpu(0) on 10.0.0.7:7355", new TrainedOn("10.0.0.7:7355", "gpu0", "gpu(0)").toString());
  }

  @Test
  void aCompletionWrittenWithTheOldDeviceStringCarriesItAsTheType() {
    var old = new ExperimentEvent.TaskCompleted("r", 0, null, "c", "h", 1L, null, null, null, "cpu#2 cpu()");
    assertEquals(new TrainedOn(null, "cpu#2", "cpu()"), old.trainedOn());
    assertEquals(null, old.device(), "the old field is not carried on");
    var current = new ExperimentEvent.TaskCompleted("r", 0, null, "c", "h", 1L, new TrainedOn("n:1", "cpu", "cpu()"));
    assertEquals("n:1", current.trainedOn().node());
  }
}
