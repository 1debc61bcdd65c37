package org.pathlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathlab.metrics.TaskMetrics;
import org.pathlab.train.TaskOutcome;
import org.pathlab.train.TrainRequest;
import org.pathlab.metrics.TrainedOn;

/** The queue in front of the trainers: experiments take turns, a run's requests keep their order. */
class DeviceQueueTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aSmallExperimentDoesNotWaitBehindEveryRunOfALargeOne() {
    TestProbe<Trainer.Command> trainer = testKit.createTestProbe();
    ActorRef<DeviceQueue.Command> queue = testKit.spawn(DeviceQueue.create(List.of(trainer.getRef())));
    TestProbe<DeviceQueue.Trained> replies = testKit.createTestProbe();
    long attempt = 0;
    for (String run : new String[] {"a1", "a2", "a3", "a4"}) queue.tell(train("large", run, ++attempt, replies.getRef()));
    queue.tell(train("small", "b1", ++attempt, replies.getRef()));
    queue.tell(train("small", "b2", ++attempt, replies.getRef()));

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Trainer.Train t = trainer.expectMessageClass(Trainer.Train.class);
      order.add(t.experimentId() + "/" + t.runId());
      t.replyTo().tell(new TaskOutcome.Failed("done", false)); // the trainer's answer frees it for the next
      DeviceQueue.Trained reply = replies.expectMessageClass(DeviceQueue.Trained.class);
      assertEquals(t.runId(), reply.runId(), "the reply names the run it answers");
      assertEquals(List.of("a1", "a2", "a3", "a4", "b1", "b2").indexOf(t.runId()) + 1, reply.attempt(), "and the request's token");
    }
    assertEquals(List.of("large/a1", "small/b1", "large/a2", "small/b2", "large/a3", "large/a4"), order);
  }

  private static DeviceQueue.Train train(String experiment, String run, long attempt, ActorRef<DeviceQueue.Trained> replyTo) {
    TrainRequest request = new TrainRequest(experiment + "/" + run, 1, 0, null, "small-cnn", null, null, null, null);
    return new DeviceQueue.Train(experiment, run, request, attempt, replyTo);
  }
}
