package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.ScenarioParser;

/**
 * The read side's fold checks each experiment's sequence numbers: events the query by tag went past
 * (a commit later than its wait) are read by persistence id and folded in their place; a rebuild
 * starts each experiment afresh at its submission.
 */
class GroupFoldTest {

  private static Plan plan;
  private static final String ID = "e1";
  private static final String PID = ExperimentIds.persistenceId(ID).id();

  @BeforeAll
  static void plan() throws Exception {
    plan = Plan.of(ScenarioParser.parse(Files.readString(Path.of("scenarios/quickstart.conf")), "quickstart.conf"));
  }

  /** The journal of one experiment: its submission, then failed attempts of its first task. */
  private static List<ExperimentEvent> journal(int events) {
    List<ExperimentEvent> all = new ArrayList<>();
    all.add(new ExperimentEvent.ExperimentSubmitted(ID, plan, "text", 1L));
    for (int i = 1; i < events; i++) all.add(new ExperimentEvent.TaskAttemptFailed(plan.runs().get(0).id(), 0, i, "engine", 10));
    return all;
  }

  private static EventEnvelope<ExperimentEvent> envelope(List<ExperimentEvent> journal, long sequenceNr) {
    return EventEnvelope.create(Offset.sequence(100 + sequenceNr), PID, sequenceNr, journal.get((int) sequenceNr - 1), 0L);
  }

  private static ExperimentState folded(List<ExperimentEvent> events) {
    ExperimentState s = ExperimentState.empty(ID);
    for (ExperimentEvent e : events) s = s.apply(e);
    return s;
  }

  @Test
  void eventsTheQueryByTagWentPastAreReadByIdAndFoldedInTheirPlace() throws Exception {
    List<ExperimentEvent> journal = journal(6);
    Map<String, ExperimentState> rows = new HashMap<>(Map.of(ID, folded(journal.subList(0, 2))));
    List<String> reads = new ArrayList<>();
    GroupFold.Folded f = GroupFold.fold(List.of(envelope(journal, 5), envelope(journal, 6)),
        id -> Optional.ofNullable(rows.get(id)),
        (pid, from, to) -> {
          reads.add(pid + " " + from + ".." + to);
          return journal.subList((int) from - 1, (int) to);
        });
    assertEquals(List.of(PID + " 3..4"), reads, "the two events the query passed, read by persistence id");
    assertEquals(folded(journal), f.touched().get(ID), "every event folded once, in order");
    assertEquals(6, f.touched().get(ID).eventCount());
  }

  @Test
  void aGroupWhoseMissingEventsTheJournalDoesNotHoldFailsAndIsFoldedAgain() {
    List<ExperimentEvent> journal = journal(4);
    assertThrows(IllegalStateException.class, () -> GroupFold.fold(List.of(envelope(journal, 4)),
        id -> Optional.of(folded(journal.subList(0, 1))), (pid, from, to) -> List.of()));
  }

  @Test
  void aRebuildStartsAfreshAtTheSubmissionAndEventsFoldedAlreadyArePassedOver() throws Exception {
    List<ExperimentEvent> journal = journal(3);
    ExperimentState full = folded(journal);
    GroupFold.Folded rebuild = GroupFold.fold(List.of(envelope(journal, 1), envelope(journal, 2)),
        id -> Optional.of(full), (pid, from, to) -> { throw new AssertionError("nothing is missing"); });
    assertEquals(2, rebuild.touched().get(ID).eventCount(), "the rows' newer state does not swallow the rebuild");

    GroupFold.Folded again = GroupFold.fold(List.of(envelope(journal, 2), envelope(journal, 3)),
        id -> Optional.of(full), (pid, from, to) -> { throw new AssertionError("nothing is missing"); });
    assertEquals(full, again.touched().get(ID), "events at or below the row's count change nothing; the row is heard");
    assertTrue(again.ended().isEmpty());
  }
}
