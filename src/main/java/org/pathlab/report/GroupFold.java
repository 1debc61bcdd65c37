package org.pathlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.experiment.ExperimentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side's one fold: a group of events from the query by tag, applied to each experiment's
 * state in the order of the experiment's own sequence numbers, which are checked.
 *
 * <p>The query by tag reads the journal in its global order and goes past a hole in that order
 * once it has waited long enough (the read journal's {@code journal-sequence-retrieval}): a hole
 * left by a write that died with its process, or — rarely — one whose commit came later than the
 * wait. The second would be lost to the read side; the sequence numbers tell it: an experiment
 * writes its next event only after the last one committed, so an event whose number is beyond the
 * state's next one has its missing predecessors in the journal, read by persistence id (a query
 * that does not depend on the global order) and folded first. What this cannot see is a late
 * commit of an experiment's last event: its read model stays one event behind until
 * {@code pathlab report --rebuild}. An event at or below the state's count is passed over, except the
 * submission (number 1), which starts the state afresh: a rebuild folds over the rows it replaces.
 */
final class GroupFold {

  /** Reads an experiment's events {@code from..to} (sequence numbers, inclusive) by persistence id. */
  interface Missed {
    List<ExperimentEvent> read(String persistenceId, long from, long to) throws Exception;
  }

  /** Reads an experiment's state as the read model holds it. */
  interface Rows {
    Optional<ExperimentState> load(String experimentId) throws Exception;
  }

  /** The states a group touched (one each, newest) and those of them that ended in it. */
  record Folded(Map<String, ExperimentState> touched, List<ExperimentState> ended) {}

  private static final Logger log = LoggerFactory.getLogger(GroupFold.class);

  private GroupFold() {}

  static Folded fold(List<EventEnvelope<ExperimentEvent>> envelopes, Rows rows, Missed missed) throws Exception {
    Map<String, ExperimentState> touched = new LinkedHashMap<>();
    List<ExperimentState> ended = new ArrayList<>();
    for (EventEnvelope<ExperimentEvent> envelope : envelopes) {
      String pid = envelope.persistenceId();
      String id = pid.substring(ExperimentIds.PREFIX.length());
      long sequenceNr = envelope.sequenceNr();
      // the submission starts the experiment's state afresh (a rebuild folds over the rows it replaces)
      ExperimentState state = sequenceNr == 1 ? null : touched.containsKey(id) ? touched.get(id) : rows.load(id).orElse(null);
      long next = state == null ? 1 : state.eventCount() + 1;
      if (sequenceNr < next) {
        // folded already (in a cluster, by another node's projection): the read side still hears the row
        log.info("read side: event {} of experiment {} was folded already; passed over", sequenceNr, id);
        touched.put(id, state);
        continue;
      }
      List<ExperimentEvent> events = new ArrayList<>();
      if (sequenceNr > next) {
        List<ExperimentEvent> before = missed.read(pid, next, sequenceNr - 1);
        if (before.size() != sequenceNr - next) {
          throw new IllegalStateException("experiment " + id + ": events " + next + ".." + (sequenceNr - 1)
              + " are not in the journal by persistence id (found " + before.size() + "); the group is folded again");
        }
        log.warn("read side: events {}..{} of experiment {} came after the query by tag had passed them; read by id",
            next, sequenceNr - 1, id);
        events.addAll(before);
      }
      events.add(envelope.event());
      for (ExperimentEvent event : events) {
        state = (state == null ? ExperimentState.empty(id) : state).apply(event);
        if (event instanceof ExperimentEvent.ExperimentFinished || event instanceof ExperimentEvent.ExperimentCancelled
            || event instanceof ExperimentEvent.ExperimentQuarantined) {
          ended.add(state);
        }
      }
      touched.put(id, state);
    }
    return new Folded(touched, ended);
  }
}
