package org.pathlab.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.LiveProgress;
import org.pathlab.report.ReadSide;

/**
 * Server-sent events for watching one experiment: a {@code detail} event (the JSON of GET
 * /api/experiments/ID) whenever an event or a run's live epoch changes it, then {@code end} once
 * the experiment has ended.
 */
final class Watches extends AllDirectives {

  private final ActorRef<ReadSide.Command> readSide;
  private final LiveProgress progress;
  private final ObjectMapper json;

  Watches(ActorRef<ReadSide.Command> readSide, LiveProgress progress, ObjectMapper json) {
    this.readSide = readSide;
    this.progress = progress;
    this.json = json;
  }

  /** Pushed by {@link ReadSide} on every event and live epoch of the experiment: nothing polls per watcher. */
  Route stream(String id) {
    org.apache.pekko.stream.javadsl.Source<ServerSentEvent, org.apache.pekko.NotUsed> events =
        org.apache.pekko.stream.typed.javadsl.ActorSource.<ReadSide.Update>actorRef(
                update -> false, update -> Optional.empty(), 8, org.apache.pekko.stream.OverflowStrategy.dropHead())
            .mapMaterializedValue(watcher -> {
              readSide.tell(new ReadSide.Subscribe(id, watcher));
              return org.apache.pekko.NotUsed.getInstance();
            })
            .statefulMap(
                () -> new String[] {""},
                (last, update) -> org.apache.pekko.japi.Pair.create(last, watchEvents(last, update.state())),
                last -> Optional.empty())
            .mapConcat(list -> list)
            .takeWhile(e -> !e.getEventType().equals(Optional.of("end")), true)
            .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat);
    return completeOK(events, org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling.toEventStream());
  }

  private List<ServerSentEvent> watchEvents(String[] last, ExperimentState state) throws Exception {
    List<ServerSentEvent> out = new java.util.ArrayList<>();
    String detail = json.writeValueAsString(Views.detail(state, progress));
    if (!detail.equals(last[0])) {
      last[0] = detail;
      out.add(ServerSentEvent.create(detail, "detail"));
    }
    if (state.status() != ExperimentState.Status.RUNNING) {
      out.add(ServerSentEvent.create("{\"status\":\"" + state.status().name().toLowerCase() + "\"}", "end"));
    }
    return out;
  }
}
