package org.pathlab.experiment;

import java.util.List;
import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;
import org.pathlab.train.TaskOutcome;

/** What a test plays as the device queue and the trainer behind it: a task's outcome, and the queue's reply carrying it. */
final class QueueReplies {

  private QueueReplies() {}

  static TaskOutcome.Completed completed(String checkpoint, double loss) {
    return new TaskOutcome.Completed(
        new TaskMetrics(1, 1, loss, loss, 0.8, loss, 0.8, List.of(new EpochMetrics(1, loss, 0.8, loss, 0.8)), 10, 1, List.of(0.1)),
        checkpoint, checkpoint + "-sha", new org.pathlab.metrics.TrainedOn(null, null, "cpu()"));
  }

  /** The device queue's answer to {@code train}: {@code outcome}, with the request's token. */
  static void reply(DeviceQueue.Train train, TaskOutcome outcome) {
    train.replyTo().tell(new DeviceQueue.Trained(train.runId(), train.request().taskIndex(), train.attempt(), outcome));
  }
}
