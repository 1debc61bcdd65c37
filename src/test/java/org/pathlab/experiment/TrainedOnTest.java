package org.pathlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where a task trained, as a type over the form events have always written. */
class TrainedOnTest {

  @Test
  void theWrittenFormRoundTripsAndOlderFormsRead() {
    TrainedOn on = new TrainedOn("gpu0", "gpu(0)");
    assertEquals("gpu0 gpu(0)", on.toString());
    assertEquals(on, TrainedOn.parse(on.toString()));
    assertEquals(new TrainedOn(null, "cpu()"), TrainedOn.parse("cpu()"), "before the trainer was recorded");
    assertEquals(new TrainedOn(null, null), TrainedOn.parse(null), "before the device was recorded");
    assertEquals("cpu#2", new ExperimentEvent.TaskCompleted("r", 0, null, "c", "h", 1L, "cpu#2 cpu()").trainedOn().trainer());
  }
}
