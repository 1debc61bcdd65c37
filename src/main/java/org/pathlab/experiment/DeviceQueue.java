package org.pathlab.experiment;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.pathlab.train.TaskOutcome;

/**
 * The daemon's queue of training work in front of its trainers (one per device, or k per device):
 * requests wait in arrival order and each goes to the next trainer that is free, so every run —
 * of every experiment — takes its turn, and no device idles while work waits. Runners talk to it
 * as they would to one trainer.
 */
public final class DeviceQueue {

  /** A trainer finished a request. */
  private record Finished(int slot, Trainer.Train request, TaskOutcome outcome) implements Trainer.Command {}

  /** How long a trainer may take for one task before its request counts as failed (a task is hours at most). */
  private static final Duration TASK_LIMIT = Duration.ofDays(30);

  private DeviceQueue() {}

  public static Behavior<Trainer.Command> create(List<ActorRef<Trainer.Command>> trainers) {
    if (trainers.isEmpty()) throw new IllegalArgumentException("no trainers: configure at least one device");
    return Behaviors.setup(context -> new State(context, trainers).behavior());
  }

  private static final class State {
    private final ActorContext<Trainer.Command> context;
    private final List<ActorRef<Trainer.Command>> trainers;
    private final boolean[] busy;
    private final Deque<Trainer.Train> waiting = new ArrayDeque<>();
    private final List<ActorRef<Done>> idleWaiters = new ArrayList<>();

    State(ActorContext<Trainer.Command> context, List<ActorRef<Trainer.Command>> trainers) {
      this.context = context;
      this.trainers = List.copyOf(trainers);
      this.busy = new boolean[trainers.size()];
    }

    Behavior<Trainer.Command> behavior() {
      return Behaviors.receive(Trainer.Command.class)
          .onMessage(Trainer.Train.class, train -> {
            waiting.add(train);
            dispatch();
            return Behaviors.same();
          })
          .onMessage(Finished.class, finished -> {
            busy[finished.slot()] = false;
            finished.request().replyTo().tell(finished.outcome());
            dispatch();
            return Behaviors.same();
          })
          .onMessage(Trainer.Idle.class, idle -> {
            idleWaiters.add(idle.replyTo());
            dispatch();
            return Behaviors.same();
          })
          .build();
    }

    private void dispatch() {
      for (int slot = 0; slot < trainers.size() && !waiting.isEmpty(); slot++) {
        if (busy[slot]) continue;
        busy[slot] = true;
        Trainer.Train request = waiting.poll();
        int s = slot;
        context.ask(TaskOutcome.class, trainers.get(slot), TASK_LIMIT,
            replyTo -> new Trainer.Train(request.experimentId(), request.runId(), request.request(), replyTo),
            (outcome, failure) -> new Finished(s, request, outcome != null ? outcome
                : new TaskOutcome.Failed("the trainer did not answer: " + failure, true)));
      }
      if (waiting.isEmpty() && !anyBusy()) {
        idleWaiters.forEach(w -> w.tell(Done.getInstance()));
        idleWaiters.clear();
      }
    }

    private boolean anyBusy() {
      for (boolean b : busy) if (b) return true;
      return false;
    }
  }
}
