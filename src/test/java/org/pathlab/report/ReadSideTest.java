package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.ScenarioParser;

/**
 * The read side holds what the projection folded, keeps the newest state of each experiment, pushes
 * changes to watchers, and answers a read that follows a write only once it has that write.
 */
class ReadSideTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static Plan plan;

  @BeforeAll
  static void plan() throws Exception {
    plan = Plan.of(ScenarioParser.parse(Files.readString(Path.of("scenarios/quickstart.conf")), "quickstart.conf"));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** The experiment's state after its submission and {@code failures} failed attempts of its first run's first task. */
  private static ExperimentState state(String id, int failures) {
    ExperimentState s = ExperimentState.empty(id).apply(new ExperimentEvent.ExperimentSubmitted(id, plan, "text", 1L));
    for (int i = 1; i <= failures; i++) {
      s = s.apply(new ExperimentEvent.TaskAttemptFailed(plan.runs().get(0).id(), 0, i, "engine", 10));
    }
    return s;
  }

  private static ActorRef<ReadSide.Command> readSide(List<ExperimentState> rows, Duration wait) {
    return testKit.spawn(ReadSide.create(() -> CompletableFuture.completedFuture(new ReadSide.Start(rows, 0, 0)), ReadSideTest::noRow, wait));
  }

  private static java.util.concurrent.CompletionStage<ReadSide.Found> noRow(String id) {
    return CompletableFuture.completedFuture(new ReadSide.Found(Optional.empty(), false));
  }

  private static StatusReply<Optional<ExperimentState>> get(ActorRef<ReadSide.Command> side, String id, Duration within) {
    TestProbe<StatusReply<Optional<ExperimentState>>> probe = testKit.createTestProbe();
    side.tell(new ReadSide.Get(id, probe.getRef()));
    return probe.receiveMessage(within);
  }

  @Test
  void itAnswersFromTheRowsThenKeepsTheNewestStateEachGroupBrings() {
    ActorRef<ReadSide.Command> side = readSide(List.of(state("e1", 1)), Duration.ofSeconds(5));
    assertEquals(2, get(side, "e1", Duration.ofSeconds(3)).getValue().orElseThrow().eventCount());
    assertTrue(get(side, "nope", Duration.ofSeconds(3)).getValue().isEmpty(), "an unknown id is not an error");

    TestProbe<ReadSide.Update> watcher = testKit.createTestProbe();
    side.tell(new ReadSide.Subscribe("e1", watcher.getRef()));
    assertEquals(2, watcher.receiveMessage().state().eventCount(), "a new watcher hears the state at once");
    side.tell(new ReadSide.Projected(List.of(state("e1", 2)), 0));
    assertEquals(2, watcher.receiveMessage().state().run(plan.runs().get(0).id()).failedAttempts(), "pushed on a group");
    // a rebuild folds the journal again from its first event: its older states change nothing
    side.tell(new ReadSide.Projected(List.of(state("e1", 0)), 0));
    watcher.expectNoMessage(Duration.ofMillis(300));
    assertEquals(3, get(side, "e1", Duration.ofSeconds(3)).getValue().orElseThrow().eventCount());

    side.tell(new ReadSide.EpochChanged("e1"));
    assertEquals(3, watcher.receiveMessage().state().eventCount(), "a live epoch is pushed too");
    TestProbe<ReadSide.Update> other = testKit.createTestProbe();
    side.tell(new ReadSide.Subscribe("e2", other.getRef()));
    side.tell(new ReadSide.Projected(List.of(state("e1", 3)), 0));
    watcher.receiveMessage();
    other.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aReadAfterAWriteWaitsForTheProjectionToHaveIt() {
    ActorRef<ReadSide.Command> side = readSide(List.of(state("e1", 0)), Duration.ofSeconds(10));
    side.tell(new ReadSide.Recorded("e1", 3));
    side.tell(new ReadSide.Recorded("e2", 1));
    TestProbe<StatusReply<Optional<ExperimentState>>> reader = testKit.createTestProbe();
    TestProbe<StatusReply<List<ExperimentState>>> lister = testKit.createTestProbe();
    side.tell(new ReadSide.Get("e1", reader.getRef()));
    side.tell(new ReadSide.ListAll(lister.getRef()));
    side.tell(new ReadSide.Projected(List.of(state("e1", 1)), 0));
    reader.expectNoMessage(Duration.ofMillis(300));
    side.tell(new ReadSide.Projected(List.of(state("e1", 2), state("e2", 0)), 0));
    assertEquals(3, reader.receiveMessage(Duration.ofSeconds(3)).getValue().orElseThrow().eventCount(),
        "answered with the state that holds the recorded event");
    List<ExperimentState> all = lister.receiveMessage(Duration.ofSeconds(3)).getValue();
    assertEquals(List.of("e1", "e2"), all.stream().map(ExperimentState::experimentId).toList(), "the list waited for both");
  }

  @Test
  void aReadThatTheProjectionDoesNotReachInTimeFailsInsteadOfAnsweringAnOlderState() {
    ActorRef<ReadSide.Command> side = readSide(List.of(state("e1", 0)), Duration.ofMillis(300));
    side.tell(new ReadSide.Recorded("e1", 5));
    StatusReply<Optional<ExperimentState>> reply = get(side, "e1", Duration.ofSeconds(3));
    assertTrue(reply.isError());
    assertTrue(reply.getError().getMessage().contains("has not caught up"), reply.getError().getMessage());
  }

  @Test
  void rowsThatCannotBeReadAtStartAreReadAgainAndReadsWaitForThem() {
    AtomicInteger tries = new AtomicInteger();
    ActorRef<ReadSide.Command> side = testKit.spawn(ReadSide.create(() -> tries.incrementAndGet() == 1
        ? CompletableFuture.failedFuture(new java.sql.SQLException("database down"))
        : CompletableFuture.completedFuture(new ReadSide.Start(List.of(state("e1", 1)), 0, 0)), ReadSideTest::noRow, Duration.ofSeconds(10)));
    StatusReply<Optional<ExperimentState>> reply = get(side, "e1", Duration.ofSeconds(8));
    assertEquals(2, reply.getValue().orElseThrow().eventCount(), "answered once the rows were read");
    assertEquals(2, tries.get());
  }

  @Test
  void afterAStartAnExperimentWithARowIsAnsweredAtOnceListsAndUnknownIdsWaitForTheJournalAsItWas() {
    // rows up to event 10 of the journal, which ended at 14 when the daemon started
    ActorRef<ReadSide.Command> side = testKit.spawn(ReadSide.create(
        () -> CompletableFuture.completedFuture(new ReadSide.Start(List.of(state("e1", 0)), 10, 14)), ReadSideTest::noRow, Duration.ofSeconds(10)));
    assertEquals(1, get(side, "e1", Duration.ofSeconds(3)).getValue().orElseThrow().eventCount(),
        "a row answers at once (a restart after a crash must not hold status back for the projection's gap wait)");
    TestProbe<StatusReply<Optional<ExperimentState>>> reader = testKit.createTestProbe();
    TestProbe<StatusReply<List<ExperimentState>>> lister = testKit.createTestProbe();
    side.tell(new ReadSide.Get("e2", reader.getRef()));
    side.tell(new ReadSide.ListAll(lister.getRef()));
    side.tell(new ReadSide.Projected(List.of(state("e1", 1)), 12));
    reader.expectNoMessage(Duration.ofMillis(300));
    lister.expectNoMessage(Duration.ZERO);
    side.tell(new ReadSide.Projected(List.of(state("e2", 0)), 14));
    assertEquals("e2", reader.receiveMessage(Duration.ofSeconds(3)).getValue().orElseThrow().experimentId(),
        "an experiment in the journal is not answered as unknown while the projection catches up");
    assertEquals(List.of("e1", "e2"), lister.receiveMessage(Duration.ofSeconds(3)).getValue().stream()
        .map(ExperimentState::experimentId).sorted().toList(), "nor left out of a list");
  }

  @Test
  void anIdItDoesNotKnowIsLookedUpInTheReadModelAndTheJournal() {
    // in a cluster another node's projection may have folded an experiment first
    ActorRef<ReadSide.Command> side = testKit.spawn(ReadSide.create(
        () -> CompletableFuture.completedFuture(new ReadSide.Start(List.of(), 0, 0)),
        id -> CompletableFuture.completedFuture(new ReadSide.Found(id.equals("e3") ? Optional.of(state("e3", 1)) : Optional.empty(),
            !id.equals("e4"))),
        Duration.ofSeconds(10)));
    assertEquals(2, get(side, "e3", Duration.ofSeconds(3)).getValue().orElseThrow().eventCount());
    assertTrue(get(side, "e4", Duration.ofSeconds(3)).getValue().isEmpty());
    TestProbe<StatusReply<List<ExperimentState>>> lister = testKit.createTestProbe();
    side.tell(new ReadSide.ListAll(lister.getRef()));
    assertEquals(List.of("e3"), lister.receiveMessage().getValue().stream().map(ExperimentState::experimentId).toList(),
        "and kept");
    // e5: in the journal, not yet folded (another node wrote it): answered once the projection has it
    TestProbe<StatusReply<Optional<ExperimentState>>> reader = testKit.createTestProbe();
    side.tell(new ReadSide.Get("e5", reader.getRef()));
    reader.expectNoMessage(Duration.ofMillis(300));
    side.tell(new ReadSide.Projected(List.of(state("e5", 0)), 3));
    assertEquals("e5", reader.receiveMessage(Duration.ofSeconds(3)).getValue().orElseThrow().experimentId());
  }
}
