package org.pathlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.LiveProgress;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.ScenarioParser;

/** The live model folds the journal's query once and pushes each change to the experiment's watchers. */
class LiveStatesTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static EventEnvelope envelope(long offset, String experiment, long sequenceNr, ExperimentEvent event) {
    return new EventEnvelope(Offset.sequence(offset), ExperimentIds.persistenceId(experiment).id(), sequenceNr, event, 0L);
  }

  @Test
  void itFoldsTheJournalThenPushesEveryLaterEventAndLiveEpochToTheWatchers() throws Exception {
    Plan plan = Plan.of(ScenarioParser.parse(Files.readString(Path.of("scenarios/quickstart.conf")), "quickstart.conf"));
    String run = plan.runs().get(0).id();
    var submitted = new ExperimentEvent.ExperimentSubmitted("e1", plan, "text", 1L);
    AtomicReference<SourceQueueWithComplete<EventEnvelope>> liveQueue = new AtomicReference<>();
    AtomicReference<Offset> liveFrom = new AtomicReference<>();
    LiveProgress progress = new LiveProgress();
    ActorRef<LiveStates.Command> live = testKit.spawn(LiveStates.create(
        () -> Source.from(List.of(envelope(1, "e1", 1, submitted))),
        offset -> {
          liveFrom.set(offset);
          return Source.<EventEnvelope>queue(16, OverflowStrategy.fail()).mapMaterializedValue(q -> {
            liveQueue.set(q);
            return NotUsed.getInstance();
          });
        },
        progress));

    TestProbe<Optional<LiveStates.Known>> get = testKit.createTestProbe();
    get.awaitAssert(Duration.ofSeconds(5), () -> {
      live.tell(new LiveStates.Get("e1", get.getRef()));
      assertTrue(get.receiveMessage().isPresent(), "known once the journal's current events are folded");
      return null;
    });
    // the live query is asked for once the fold is done, and its queue exists once its stream is materialized
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> liveFrom.get() != null && liveQueue.get() != null);
    assertEquals(Offset.sequence(1), liveFrom.get(), "the live query starts after the last event folded");

    TestProbe<LiveStates.Update> watcher = testKit.createTestProbe();
    live.tell(new LiveStates.Subscribe("e1", watcher.getRef()));
    assertEquals(0, watcher.receiveMessage().state().tasksCompleted(), "a new watcher hears the state at once");

    var failed = new ExperimentEvent.TaskAttemptFailed(run, 0, 1, "engine", 10);
    liveQueue.get().offer(envelope(2, "e1", 2, failed));
    assertEquals(1, watcher.receiveMessage().state().run(run).failedAttempts(), "pushed on the event");
    liveQueue.get().offer(envelope(2, "e1", 2, failed));  // a restarted query may deliver an event again
    watcher.expectNoMessage(Duration.ofMillis(300));

    live.tell(new LiveStates.Get("e1", get.getRef()));
    LiveStates.Known known = get.receiveMessage().orElseThrow();
    assertEquals(1, known.state().run(run).failedAttempts(), "folded once");
    assertEquals(2, known.sequenceNr(), "the last event folded, where a caller catching up with the journal starts after");

    TestProbe<LiveStates.Update> other = testKit.createTestProbe();
    live.tell(new LiveStates.Subscribe("e2", other.getRef()));
    liveQueue.get().offer(envelope(3, "e1", 3, new ExperimentEvent.ExperimentCancelled("by a test", 5L)));
    assertEquals(ExperimentState.Status.CANCELLED, watcher.receiveMessage().state().status());
    other.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aLiveEpochIsPushedToo() {
    LiveProgress progress = new LiveProgress();
    Plan plan;
    try {
      plan = Plan.of(ScenarioParser.parse(Files.readString(Path.of("scenarios/quickstart.conf")), "quickstart.conf"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ActorRef<LiveStates.Command> live = testKit.spawn(LiveStates.create(
        () -> Source.from(List.of(envelope(1, "e1", 1, new ExperimentEvent.ExperimentSubmitted("e1", plan, "text", 1L)))),
        offset -> Source.never(), progress));
    TestProbe<LiveStates.Update> watcher = testKit.createTestProbe();
    watcher.awaitAssert(Duration.ofSeconds(5), () -> {
      live.tell(new LiveStates.Subscribe("e1", watcher.getRef()));
      watcher.receiveMessage(Duration.ofMillis(200));
      return null;
    });
    org.pathlab.experiment.LiveProgressAccess.update(progress, "e1", plan.runs().get(0).id());
    assertEquals("e1", watcher.receiveMessage(Duration.ofSeconds(3)).state().experimentId(), "an epoch changes what watchers see");
  }
}
