package org.pathlab.experiment;

import static org.pathlab.experiment.QueueReplies.completed;
import static org.pathlab.experiment.QueueReplies.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent.ExperimentFinished;
import org.pathlab.experiment.ExperimentEvent.ExperimentSubmitted;
import org.pathlab.experiment.ExperimentEvent.RunDiverged;
import org.pathlab.experiment.ExperimentEvent.RunFailed;
import org.pathlab.experiment.ExperimentEvent.RunFinished;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.storage.JournalFailed;
import org.pathlab.train.TaskOutcome;

/**
 * The supervisor with a probe in the trainer's place: the probe sees exactly what the supervisor's
 * runners ask of a trainer, and answers as a trainer would. The testkit also checks that every
 * command, event and state goes through the Kryo serializer.
 */
class ExperimentSupervisorTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));

  private static final Plan PLAN = Plan.of(ScenarioParser.parse("""
      name = t
      dataset { name = fashion-mnist }
      arms = [ { name = baseline, path = baseline }, { name = jump, path = jump, transform = blur } ]
      seeds = [1]
      """, "t.conf"));

  private static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1));
  private TestProbe<DeviceQueue.Command> trainer;
  private Cancellations cancellations;
  private EventSourcedBehaviorTestKit<ExperimentSupervisor.Command, ExperimentEvent, ExperimentState> supervisor;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void start() {
    trainer = testKit.createTestProbe();
    cancellations = new Cancellations();
    supervisor = EventSourcedBehaviorTestKit.create(testKit.system(),
        ExperimentSupervisor.create("e1", new Experiments.Wiring(trainer.getRef(), cancellations, RETRIES, PrefixReuse.Settings.off(), null)));
  }

  private DeviceQueue.Train expectTrain(String runId, int taskIndex) {
    DeviceQueue.Train train = trainer.expectMessageClass(DeviceQueue.Train.class, Duration.ofSeconds(5));
    assertEquals(runId, train.runId());
    assertEquals(taskIndex, train.request().taskIndex());
    return train;
  }

  /** The first tasks of several runs arrive in any order. */
  private java.util.Map<String, DeviceQueue.Train> expectFirstTasks() {
    java.util.Map<String, DeviceQueue.Train> byRun = new java.util.HashMap<>();
    for (int i = 0; i < 2; i++) {
      DeviceQueue.Train train = trainer.expectMessageClass(DeviceQueue.Train.class, Duration.ofSeconds(5));
      assertEquals(0, train.request().taskIndex());
      byRun.put(train.runId(), train);
    }
    assertEquals(java.util.Set.of("a0-s1", "a1-s1"), byRun.keySet());
    return byRun;
  }

  private void awaitEvents(int count) {
    trainer.awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(count, supervisor.persistenceTestKit().persistedInStorage("experiment|e1").size());
      return null;
    });
  }

  private List<Object> journal() {
    return supervisor.persistenceTestKit().persistedInStorage("experiment|e1");
  }

  private void submit() {
    TestProbe<ExperimentReply> reply = testKit.createTestProbe();
    var result = supervisor.runCommand(new ExperimentSupervisor.Submit(PLAN, "text", reply.getRef()));
    assertInstanceOf(ExperimentSubmitted.class, result.event());
    assertEquals(new ExperimentReply.Accepted("e1", 1), reply.receiveMessage());
  }

  @Test
  void everyTaskCompletionIsPersistedBeforeTheRunMovesOnAndARestartResumesAtTheNextTask() {
    submit();
    var first = expectFirstTasks();
    DeviceQueue.Train baseline = first.get("a0-s1");
    DeviceQueue.Train jumpSource = first.get("a1-s1");
    assertNull(jumpSource.request().checkpoint(), "the first task starts from a fresh initialization");
    assertEquals(1.0, jumpSource.request().step().task().level("blur"));

    reply(baseline, completed("base", 0.4));
    awaitEvents(3); // submitted, task completed, run finished
    reply(jumpSource, completed("blurred", 0.9));
    DeviceQueue.Train jumpTarget = expectTrain("a1-s1", 1);
    assertEquals(4, journal().size(), "the completion was in the journal when the next task was asked for");
    assertEquals("blurred", jumpTarget.request().checkpoint(), "the next task starts from the persisted checkpoint");
    assertEquals("blurred-sha", jumpTarget.request().checkpointSha256());

    // The daemon dies while task 1 trains; the recovered supervisor asks for task 1 again, never task 0.
    supervisor.restart();
    assertEquals(1, supervisor.getState().run("a1-s1").nextTask());
    DeviceQueue.Train resumed = expectTrain("a1-s1", 1);
    assertEquals("blurred", resumed.request().checkpoint());
    trainer.expectNoMessage(Duration.ofMillis(300));

    reply(resumed, completed("sharp", 0.5));
    reply(jumpTarget, completed("stale", 0.5)); // the answer to the old incarnation's request: its token is not the run's current one
    awaitEvents(7);
    trainer.expectNoMessage(Duration.ofMillis(300));
    List<Object> events = journal();
    assertInstanceOf(TaskCompleted.class, events.get(4));
    assertInstanceOf(RunFinished.class, events.get(5));
    assertInstanceOf(ExperimentFinished.class, events.get(6));
    assertEquals(3, events.stream().filter(e -> e instanceof TaskCompleted).count(), "one completion per (run, task)");
    assertEquals("sharp", ((TaskCompleted) events.get(4)).checkpoint());
    assertEquals(ExperimentState.Status.FINISHED, supervisor.getState().status());

    supervisor.restart();
    assertEquals(ExperimentState.Status.FINISHED, supervisor.getState().status(), "state comes back from the journal");
    assertEquals(0.5, supervisor.getState().run("a1-s1").last().metrics().targetTestLoss());
    trainer.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void aDivergedOrFailedRunIsRecordedAndTheOthersGoOn() {
    submit();
    var first = expectFirstTasks();
    DeviceQueue.Train baseline = first.get("a0-s1");
    DeviceQueue.Train jump = first.get("a1-s1");
    reply(jump, new TaskOutcome.Diverged(3, "training loss became NaN in epoch 3"));
    awaitEvents(2);
    assertInstanceOf(RunDiverged.class, journal().get(1));
    assertEquals(RunStatus.DIVERGED, supervisor.getState().run("a1-s1").status());
    assertEquals(ExperimentState.Status.RUNNING, supervisor.getState().status(), "the baseline run still trains");

    reply(baseline, new TaskOutcome.Failed("dataset fashion-mnist not found", false));
    awaitEvents(4);
    RunFailed failed = assertInstanceOf(RunFailed.class, journal().get(2));
    assertTrue(failed.reason().contains("not found"));
    assertInstanceOf(ExperimentFinished.class, journal().get(3));
    trainer.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void aSecondSubmitIsRefused() {
    submit();
    TestProbe<ExperimentReply> reply = testKit.createTestProbe();
    var result = supervisor.runCommand(new ExperimentSupervisor.Submit(PLAN, "text", reply.getRef()));
    assertTrue(result.hasNoEvents());
    var refused = assertInstanceOf(ExperimentReply.Refused.class, reply.receiveMessage());
    assertEquals(ExperimentReply.Refusal.CONFLICT, refused.refusal());
  }

  @Test
  void aRetryableFailureIsRetriedWithBackoffEachAttemptAnEventThenTheRunFails() {
    submit();
    var first = expectFirstTasks();
    reply(first.get("a0-s1"), completed("base", 0.4));
    awaitEvents(3); // runners are separate actors: let the baseline's completion land first
    DeviceQueue.Train attempt1 = first.get("a1-s1");
    reply(attempt1, new TaskOutcome.Failed("engine hiccup", true));
    DeviceQueue.Train attempt2 = expectTrain("a1-s1", 0);
    reply(attempt2, new TaskOutcome.Failed("engine hiccup", true));
    DeviceQueue.Train attempt3 = expectTrain("a1-s1", 0);
    reply(attempt3, new TaskOutcome.Failed("engine hiccup", true));
    awaitEvents(7);
    List<Object> events = journal();
    var a1 = assertInstanceOf(ExperimentEvent.TaskAttemptFailed.class, events.get(3));
    var a2 = assertInstanceOf(ExperimentEvent.TaskAttemptFailed.class, events.get(4));
    assertEquals(1, a1.attempt());
    assertEquals(100, a1.retryInMillis());
    assertEquals(2, a2.attempt());
    assertEquals(200, a2.retryInMillis(), "the backoff doubles");
    RunFailed failed = assertInstanceOf(RunFailed.class, events.get(5));
    assertTrue(failed.reason().contains("after 3 attempts"), failed.reason());
    assertInstanceOf(ExperimentFinished.class, events.get(6));
    trainer.expectNoMessage(Duration.ofMillis(400));
  }

  @Test
  void aRetryThatSucceedsLetsTheRunGoOn() {
    submit();
    var first = expectFirstTasks();
    reply(first.get("a1-s1"), new TaskOutcome.Failed("engine hiccup", true));
    DeviceQueue.Train again = expectTrain("a1-s1", 0);
    reply(again, completed("blurred", 0.9));
    DeviceQueue.Train next = expectTrain("a1-s1", 1);
    assertEquals("blurred", next.request().checkpoint());
    assertEquals(0, supervisor.getState().run("a1-s1").failedAttempts(), "a completion resets the attempts");
  }

  @Test
  void aRejectedCheckpointSendsTheRunBackToTheTaskThatWroteIt() {
    submit();
    var first = expectFirstTasks();
    reply(first.get("a1-s1"), completed("blurred", 0.9));
    DeviceQueue.Train target = expectTrain("a1-s1", 1);
    reply(target, new TaskOutcome.CheckpointRejected("checkpoint blurred has SHA-256 x but the journal recorded y"));
    DeviceQueue.Train retrain = expectTrain("a1-s1", 0);
    assertNull(retrain.request().checkpoint(), "task 0 starts from initialization again");
    awaitEvents(3);
    var rejected = assertInstanceOf(ExperimentEvent.CheckpointRejected.class, journal().get(2));
    assertEquals(0, rejected.taskIndex());
    assertEquals(0, supervisor.getState().run("a1-s1").nextTask());
    reply(retrain, completed("blurred-again", 0.9));
    assertEquals("blurred-again", expectTrain("a1-s1", 1).request().checkpoint());
  }

  @Test
  void cancelStopsTheRunsRecordsItAndIsNotResumed() {
    submit();
    var first = expectFirstTasks();
    TestProbe<ExperimentReply> reply = testKit.createTestProbe();
    var result = supervisor.runCommand(new ExperimentSupervisor.Cancel("by a test", reply.getRef()));
    assertInstanceOf(ExperimentEvent.ExperimentCancelled.class, result.event());
    assertEquals(new ExperimentReply.Accepted("e1", 2), reply.receiveMessage());
    assertTrue(cancellations.isCancelled("e1"), "the trainer sees it between epochs");
    assertEquals(RunStatus.CANCELLED, supervisor.getState().run("a0-s1").status());
    reply(first.get("a0-s1"), completed("late", 0.4)); // a task that finished anyway
    trainer.expectNoMessage(Duration.ofMillis(300));
    assertEquals(2, journal().size(), "nothing recorded after the cancellation");

    supervisor.restart();
    assertEquals(ExperimentState.Status.CANCELLED, supervisor.getState().status());
    trainer.expectNoMessage(Duration.ofMillis(300));
    var again = supervisor.runCommand(new ExperimentSupervisor.Cancel("twice", reply.getRef()));
    assertTrue(again.hasNoEvents());
    assertEquals(ExperimentReply.Refusal.CONFLICT, ((ExperimentReply.Refused) reply.receiveMessage()).refusal());
  }

  @Test
  void aJournalThatFailsAWriteRestartsTheSupervisorWhichResumesFromTheJournalOnceItWorks() {
    TestProbe<JournalFailed> faults = testKit.createTestProbe();
    testKit.system().eventStream().tell(new EventStream.Subscribe<>(JournalFailed.class, faults.getRef()));
    submit();
    var first = expectFirstTasks();
    reply(first.get("a0-s1"), completed("base", 0.4));
    awaitEvents(3);
    supervisor.persistenceTestKit().failNextPersisted("experiment|e1", new java.io.IOException("No space left on device"));
    reply(first.get("a1-s1"), completed("blurred", 0.9));

    JournalFailed fault = faults.expectMessageClass(JournalFailed.class, Duration.ofSeconds(5));
    assertEquals("e1", fault.experimentId());
    assertEquals("No space left on device", fault.reason());
    // Restarted after its backoff, it replays the journal: the lost completion is trained again, nothing else.
    DeviceQueue.Train again = expectTrain("a1-s1", 0);
    trainer.expectNoMessage(Duration.ofMillis(300));
    assertEquals(3, journal().size(), "the failed write left nothing behind, and nothing acknowledged was lost");
    reply(again, completed("blurred", 0.9));
    DeviceQueue.Train target = expectTrain("a1-s1", 1);
    assertEquals("blurred", target.request().checkpoint());
    reply(target, completed("sharp", 0.5));
    awaitEvents(7);
    assertEquals(3, journal().stream().filter(e -> e instanceof TaskCompleted).count(), "one completion per (run, task)");
    assertEquals(ExperimentState.Status.FINISHED, supervisor.getState().status());
  }

  @Test
  void aSubmissionTheJournalFailsIsAnsweredAtOnceAndTheSupervisorTakesTheNextOne() {
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    journal.failNextPersisted("experiment|e2", new java.io.IOException("No space left on device"));
    var e2 = testKit.spawn(ExperimentSupervisor.create("e2", new Experiments.Wiring(trainer.getRef(), cancellations, RETRIES, PrefixReuse.Settings.off(), null)));
    TestProbe<ExperimentReply> reply = testKit.createTestProbe();
    e2.tell(new ExperimentSupervisor.Submit(PLAN, "text", reply.getRef()));
    var notRecorded = assertInstanceOf(ExperimentReply.Refused.class, reply.receiveMessage(Duration.ofSeconds(3)));
    assertEquals(ExperimentReply.Refusal.NOT_RECORDED, notRecorded.refusal());
    assertTrue(notRecorded.message().contains("No space left on device"), notRecorded.message());
    trainer.expectNoMessage(Duration.ofMillis(1500)); // restarted and recovered: nothing to train
    assertTrue(journal.persistedInStorage("experiment|e2").isEmpty());

    e2.tell(new ExperimentSupervisor.Submit(PLAN, "text", reply.getRef()));
    assertEquals(new ExperimentReply.Accepted("e2", 1), reply.receiveMessage(Duration.ofSeconds(5)));
    expectFirstTasks();
  }
}
