package org.pathlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.PrefixRegistry.Answer;
import org.pathlab.experiment.PrefixRegistry.ClaimAgain;
import org.pathlab.experiment.PrefixRegistry.Ready;
import org.pathlab.experiment.PrefixRegistry.Train;
import org.pathlab.experiment.PrefixRegistry.Wait;

/** The registry of trained and in-training prefixes: one trainer per key, waiters told how it ended. */
class PrefixRegistryTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  private ActorRef<PrefixRegistry.Command> registry;
  private TestProbe<Answer> first;
  private TestProbe<Answer> second;
  private TestProbe<Answer> third;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void start() {
    registry = testKit.spawn(PrefixRegistry.create());
    first = testKit.createTestProbe();
    second = testKit.createTestProbe();
    third = testKit.createTestProbe();
  }

  private static PrefixRegistry.Source source(String run) {
    return new PrefixRegistry.Source("e1", run, 0, new TaskCompleted(run, 0, null, "c", "sha", 1L, new org.pathlab.metrics.TrainedOn(null, "cpu", "cpu()"), "key", null, null));
  }

  private Answer claim(TestProbe<Answer> by, String run) {
    registry.tell(new PrefixRegistry.Claim(new PrefixKey("k"), run, 0, by.getRef(), by.getRef()));
    return by.receiveMessage();
  }

  @Test
  void theFirstClaimTrainsTheNextWaitsAndLaterOnesReuse() {
    assertEquals(new Train("r1", 0, new PrefixKey("k")), claim(first, "r1"));
    assertEquals(new Wait("r2", 0, new PrefixKey("k")), claim(second, "r2"));
    PrefixRegistry.Source trained = source("r1");
    registry.tell(new PrefixRegistry.Completed(new PrefixKey("k"), trained));
    assertEquals(new Ready("r2", 0, new PrefixKey("k"), trained), second.receiveMessage());
    assertEquals(new Ready("r3", 0, new PrefixKey("k"), trained), claim(third, "r3"));
    first.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void anAbandonedPrefixSendsItsWaitersToClaimAgain() {
    claim(first, "r1");
    claim(second, "r2");
    claim(third, "r3");
    registry.tell(new PrefixRegistry.Abandon(new PrefixKey("k")));
    assertEquals(new ClaimAgain("r2", 0, new PrefixKey("k")), second.receiveMessage());
    assertEquals(new ClaimAgain("r3", 0, new PrefixKey("k")), third.receiveMessage());
    assertEquals(new Train("r2", 0, new PrefixKey("k")), claim(second, "r2"), "the first to claim again trains it");
  }

  @Test
  void aForgottenPrefixIsTrainedAgainAndItsWaitersStillGetTheCompletion() {
    claim(first, "r1");
    claim(second, "r2");
    PrefixRegistry.Source trained = source("r1");
    registry.tell(new PrefixRegistry.Completed(new PrefixKey("k"), trained));
    registry.tell(new PrefixRegistry.Forget(new PrefixKey("k")));
    var ready = (Ready) second.receiveMessage();
    assertSame(trained.completion(), ready.source().completion());
    assertEquals(new Train("r3", 0, new PrefixKey("k")), claim(third, "r3"), "forgotten: trained again");
  }

  @Test
  void aSecondCompletionOfAKeyKeepsTheFirst() {
    PrefixRegistry.Source loaded = source("r1");
    registry.tell(new PrefixRegistry.Load(new PrefixKey("k"), loaded));
    registry.tell(new PrefixRegistry.Completed(new PrefixKey("k"), source("r2")));
    assertEquals(new Ready("r3", 0, new PrefixKey("k"), loaded), claim(third, "r3"));
    TestProbe<Integer> size = testKit.createTestProbe();
    registry.tell(new PrefixRegistry.GetSize(size.getRef()));
    assertEquals(1, size.receiveMessage());
  }

  @Test
  void whileLoadingAClaimWaitsForTheJournalsCompletions() {
    ActorRef<PrefixRegistry.Command> loading = testKit.spawn(PrefixRegistry.loading());
    loading.tell(new PrefixRegistry.Claim(new PrefixKey("k"), "r3", 0, first.getRef(), first.getRef()));
    loading.tell(new PrefixRegistry.Claim(new PrefixKey("other"), "r4", 0, second.getRef(), second.getRef()));
    first.expectNoMessage(Duration.ofMillis(200));
    PrefixRegistry.Source loaded = source("r1");
    loading.tell(new PrefixRegistry.Load(new PrefixKey("k"), loaded));
    loading.tell(new PrefixRegistry.Loaded());
    assertEquals(new Ready("r3", 0, new PrefixKey("k"), loaded), first.receiveMessage(), "a claim sent before the load reuses what the journal holds");
    assertEquals(new Train("r4", 0, new PrefixKey("other")), second.receiveMessage());
    loading.tell(new PrefixRegistry.Claim(new PrefixKey("k"), "r5", 0, third.getRef(), third.getRef()));
    assertEquals(new Ready("r5", 0, new PrefixKey("k"), loaded), third.receiveMessage());
  }

  @Test
  void aSupervisorThatStopsGivesUpTheKeysItHolds() {
    ActorRef<Object> holder = testKit.spawn(Behaviors.empty());
    registry.tell(new PrefixRegistry.Claim(new PrefixKey("k"), "r1", 0, first.getRef(), holder));
    assertEquals(new Train("r1", 0, new PrefixKey("k")), first.receiveMessage());
    claim(second, "r2");
    testKit.stop(holder);
    assertEquals(new ClaimAgain("r2", 0, new PrefixKey("k")), second.receiveMessage(), "a waiter is never left waiting on a stopped holder");
  }
}
