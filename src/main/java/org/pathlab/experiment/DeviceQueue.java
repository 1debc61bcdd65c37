package org.pathlab.experiment;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.pathlab.train.TaskOutcome;
import org.pathlab.train.TrainRequest;

/**
 * The daemon's queue of training work in front of its trainers (one per device, or k per device;
 * in a cluster, every node's): each request goes to the next trainer that is free, so no device
 * idles while work waits. Experiments take turns, one task each, and within an experiment requests
 * wait in arrival order: a small experiment submitted while a large one runs starts at the next
 * free trainer instead of behind every waiting run of the large one, and every run of every
 * experiment still takes its turn. The supervisors send it their runs' tasks directly; a trainer
 * that leaves (its node died) fails its request as retryable, so the run is tried again elsewhere.
 */
public final class DeviceQueue {

  public sealed interface Command {}

  /**
   * Train one task of run {@code runId}; the outcome goes to {@code replyTo} as {@link Trained},
   * with {@code attempt}: the supervisor's token that tells a reply to its current request from a
   * late one (an earlier attempt, a run since stopped).
   */
  public record Train(String experimentId, String runId, TrainRequest request, long attempt, ActorRef<Trained> replyTo)
      implements Command {}

  /** The outcome of a {@link Train}: completed, diverged, failed, cancelled; never an exception. */
  public record Trained(String runId, int taskIndex, long attempt, TaskOutcome outcome) {}

  /** What each trainer behind the queue is training. */
  public record GetTrainers(ActorRef<List<Placement.TrainerSlot>> replyTo) implements Command {}

  /** Answered once nothing waits and no trainer trains (after a shutdown began). */
  public record Idle(ActorRef<Done> replyTo) implements Command {}

  /** A trainer finished request number {@code token}. */
  private record Finished(ActorRef<Trainer.Command> trainer, long token, Train request, TaskOutcome outcome) implements Command {}

  /** The trainers the cluster's receptionist knows now. */
  private record Listed(Set<ActorRef<Trainer.Command>> trainers) implements Command {}

  /** How long a trainer may take for one task before its request counts as failed (a task is hours at most). */
  private static final Duration TASK_LIMIT = Duration.ofDays(30);

  private DeviceQueue() {}

  /** In front of this daemon's own trainers. */
  public static Behavior<Command> create(List<ActorRef<Trainer.Command>> trainers) {
    if (trainers.isEmpty()) throw new IllegalArgumentException("no trainers: configure at least one device");
    return Behaviors.setup(context -> {
      State state = new State(context);
      trainers.forEach(state::add);
      return state.behavior();
    });
  }

  /** In front of every trainer registered under {@link Trainer#SERVICE} anywhere in the cluster. */
  public static Behavior<Command> clustered() {
    return Behaviors.setup(context -> {
      ActorRef<Receptionist.Listing> listings =
          context.messageAdapter(Receptionist.Listing.class, l -> new Listed(l.getServiceInstances(Trainer.SERVICE)));
      context.getSystem().receptionist().tell(Receptionist.subscribe(Trainer.SERVICE, listings));
      return new State(context).behavior();
    });
  }

  private static final class Slot {
    Train inFlight;
    long token;
    long sinceMillis;
  }

  private static final class State {
    private final ActorContext<Command> context;
    private final Map<ActorRef<Trainer.Command>, Slot> slots = new LinkedHashMap<>();
    /** Per experiment, its requests in arrival order. */
    private final LinkedHashMap<String, Deque<Train>> waiting = new LinkedHashMap<>();
    /** When each experiment was last served (a count of dispatches): the one served longest ago goes next. */
    private final Map<String, Long> served = new java.util.HashMap<>();
    private final List<ActorRef<Done>> idleWaiters = new ArrayList<>();
    private long tokens;

    State(ActorContext<Command> context) {
      this.context = context;
    }

    void add(ActorRef<Trainer.Command> trainer) {
      slots.putIfAbsent(trainer, new Slot());
    }

    Behavior<Command> behavior() {
      return Behaviors.receive(Command.class)
          .onMessage(Train.class, train -> {
            waiting.computeIfAbsent(train.experimentId(), k -> new ArrayDeque<>()).add(train);
            dispatch();
            return Behaviors.same();
          })
          .onMessage(Finished.class, finished -> {
            Slot slot = slots.get(finished.trainer());
            if (slot == null || slot.inFlight == null || slot.token != finished.token()) return Behaviors.same(); // answered already
            slot.inFlight = null;
            reply(finished.request(), finished.outcome());
            dispatch();
            return Behaviors.same();
          })
          .onMessage(Listed.class, listed -> {
            for (var it = slots.entrySet().iterator(); it.hasNext(); ) {
              var entry = it.next();
              if (listed.trainers().contains(entry.getKey())) continue;
              Train lost = entry.getValue().inFlight;
              if (lost != null) reply(lost, new TaskOutcome.Failed("the trainer " + entry.getKey().path() + " left the cluster", true));
              it.remove();
            }
            listed.trainers().forEach(this::add);
            context.getLog().info("trainers in the cluster: {}", slots.size());
            dispatch();
            return Behaviors.same();
          })
          .onMessage(GetTrainers.class, get -> {
            get.replyTo().tell(slots.entrySet().stream().map(e -> slot(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing((Placement.TrainerSlot t) -> String.valueOf(t.node())).thenComparing(Placement.TrainerSlot::name))
                .toList());
            return Behaviors.same();
          })
          .onMessage(Idle.class, idle -> {
            idleWaiters.add(idle.replyTo());
            dispatch();
            return Behaviors.same();
          })
          .build();
    }

    private static void reply(Train request, TaskOutcome outcome) {
      request.replyTo().tell(new Trained(request.runId(), request.request().taskIndex(), request.attempt(), outcome));
    }

    private Placement.TrainerSlot slot(ActorRef<Trainer.Command> trainer, Slot slot) {
      Train t = slot.inFlight;
      // a local trainer's path has no host: it is on this node
      var address = trainer.path().address().hasLocalScope() ? context.getSystem().address() : trainer.path().address();
      return new Placement.TrainerSlot(Placement.node(address), Trainer.deviceName(trainer),
          t == null ? null : new Devices.Activity(t.experimentId(), t.runId(), t.request().taskIndex(), slot.sinceMillis));
    }

    /**
     * The oldest request of the experiment whose turn it is: of those waiting, the one served longest
     * ago (never served: first), the earliest to arrive among equals.
     */
    private Train next() {
      String experiment = null;
      for (String id : waiting.keySet()) {
        if (experiment == null || served.getOrDefault(id, -1L) < served.getOrDefault(experiment, -1L)) experiment = id;
      }
      Deque<Train> requests = waiting.get(experiment);
      Train request = requests.poll();
      if (requests.isEmpty()) waiting.remove(experiment);
      served.put(experiment, tokens);
      return request;
    }

    private void dispatch() {
      for (var entry : slots.entrySet()) {
        if (waiting.isEmpty()) break;
        Slot slot = entry.getValue();
        if (slot.inFlight != null) continue;
        Train request = next();
        slot.inFlight = request;
        slot.token = ++tokens;
        slot.sinceMillis = System.currentTimeMillis();
        long token = slot.token;
        ActorRef<Trainer.Command> trainer = entry.getKey();
        context.ask(TaskOutcome.class, trainer, TASK_LIMIT,
            replyTo -> new Trainer.Train(request.experimentId(), request.runId(), request.request(), replyTo),
            (outcome, failure) -> new Finished(trainer, token, request, outcome != null ? outcome
                : new TaskOutcome.Failed("the trainer did not answer: " + failure, true)));
      }
      if (waiting.isEmpty() && slots.values().stream().allMatch(s -> s.inFlight == null)) {
        idleWaiters.forEach(w -> w.tell(Done.getInstance()));
        idleWaiters.clear();
      }
    }
  }
}
