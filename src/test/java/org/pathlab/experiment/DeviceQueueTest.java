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
    ActorRef<Trainer.Command> queue = testKit.spawn(DeviceQueue.create(List.of(trainer.getRef())));
    TestProbe<TaskOutcome> replies = testKit.createTestProbe();
    for (String run : new String[] {"a1", "a2", "a3", "a4"}) queue.tell(new Trainer.Train("large", run, null, replies.getRef()));
    queue.tell(new Trainer.Train("small", "b1", null, replies.getRef()));
    queue.tell(new Trainer.Train("small", "b2", null, replies.getRef()));

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Trainer.Train t = trainer.expectMessageClass(Trainer.Train.class);
      order.add(t.experimentId() + "/" + t.runId());
      t.replyTo().tell(new TaskOutcome.Failed("done", false)); // the trainer's answer frees it for the next
      replies.expectMessageClass(TaskOutcome.class);
    }
    assertEquals(List.of("large/a1", "small/b1", "large/a2", "small/b2", "large/a3", "large/a4"), order);
  }
}
