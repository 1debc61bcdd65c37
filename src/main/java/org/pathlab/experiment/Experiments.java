package org.pathlab.experiment;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Owns one {@link ExperimentSupervisor} per experiment: names new experiments, and at start
 * brings back every experiment the journal knows, so that unfinished ones resume.
 */
public final class Experiments {

  public sealed interface Command {}

  /** A new experiment: named here, then submitted to its own supervisor. */
  public record New(ExperimentSupervisor.Submit submit) implements Command {}

  /** A request to experiment {@code experimentId}'s supervisor; "no experiment" when there is none. */
  public record To(String experimentId, ExperimentSupervisor.Request request) implements Command {}

  /**
   * A new experiment named by its sender (a search names its evaluations after itself, so that it
   * finds them again after a restart); a second submission of the same id is refused as a conflict.
   */
  public record Named(String experimentId, ExperimentSupervisor.Submit submit) implements Command {}

  /** Experiment {@code experimentId}'s state from its supervisor; an empty state ({@code EMPTY}) when there is none. */
  public record Get(String experimentId, ActorRef<ExperimentState> replyTo) implements Command {}

  /** Where the work is, seen from this node ({@link Placement}); the reply is empty when it could not be found in time. */
  public record GetPlacement(ActorRef<java.util.Optional<Placement>> replyTo) implements Command {}

  private record Recover(List<String> experimentIds, Throwable failure) implements Command {}

  /** A {@link Quarantine} stopped: its recovery ended without taking the JVM down. */
  private record Quarantined(String experimentId) implements Command {}

  /** How long a recovery may take before its mark is dropped anyway (a slow one is not a crash). */
  private static final Duration RECOVERY_WAIT = Duration.ofMinutes(5);

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private Experiments() {}

  /** What every supervisor is created with. */
  public record Wiring(ActorRef<DeviceQueue.Command> queue, Cancellations cancellations, RetryPolicy retries,
      PrefixReuse.Settings reuse, ClusterSharding sharding) {}

  /** {@code known}: the ids of experiments already in the journal. */
  public static Behavior<Command> create(Wiring wiring, CompletionStage<List<String>> known) {
    return create(wiring, known, CrashGuard.NONE);
  }

  /** {@code guard}: which experiments to quarantine rather than resume, and where to mark recoveries in flight. */
  public static Behavior<Command> create(Wiring wiring, CompletionStage<List<String>> known, CrashGuard guard) {
    return Behaviors.withStash(10_000, stash -> Behaviors.setup(context -> {
      Supervisors supervisors = Supervisors.of(context, wiring);
      context.pipeToSelf(known, Recover::new);
      // until the journal's experiments have supervisors, a command for one of them would find none: it waits
      return Behaviors.receive(Command.class)
          .onMessage(Recover.class, recover -> {
            onRecover(context, supervisors, recover, guard);
            return stash.unstashAll(recovered(context, wiring, supervisors, guard));
          })
          .onAnyMessage(command -> {
            if (!stash.isFull()) stash.stash(command);
            else context.getLog().warn("the journal's experiments are still being listed; dropped {}", command);
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static Behavior<Command> recovered(ActorContext<Command> context, Wiring wiring, Supervisors supervisors, CrashGuard guard) {
    return Behaviors.receive(Command.class)
        .onMessage(New.class, m -> onNew(supervisors, m.submit()))
        .onMessage(To.class, m -> forward(supervisors, guard, m.experimentId(), m.request()))
        .onMessage(Named.class, m -> {
          supervisors.start(m.experimentId()).tell(m.submit());
          return Behaviors.same();
        })
        .onMessage(Get.class, m -> {
          supervisors.find(m.experimentId()).ifPresentOrElse(s -> s.tell(new ExperimentSupervisor.GetState(m.replyTo())),
              () -> m.replyTo().tell(ExperimentState.empty(m.experimentId())));
          return Behaviors.same();
        })
        .onMessage(GetPlacement.class, get -> onGetPlacement(context, wiring, supervisors, get))
        .onMessage(Quarantined.class, q -> {
          guard.leave(q.experimentId(), CrashGuard.Phase.RECOVERY);
          return Behaviors.same();
        })
        .build();
  }

  /** {@code request} to experiment {@code id}'s supervisor; "no experiment" to its sender when there is none. */
  private static Behavior<Command> forward(Supervisors supervisors, CrashGuard guard, String id, ExperimentSupervisor.Request request) {
    var target = supervisors.find(id);
    // a quarantined experiment has no supervisor until someone asks something of it (its recovery may be what killed the JVM)
    if (target.isEmpty() && guard.isQuarantined(id)) target = java.util.Optional.of(supervisors.start(id));
    target.ifPresentOrElse(supervisor -> supervisor.tell(request),
        () -> request.replyTo().tell(ExperimentReply.refused(ExperimentReply.Refusal.NOT_FOUND, "no experiment '" + id + "'")));
    return Behaviors.same();
  }

  private static Behavior<Command> onGetPlacement(ActorContext<Command> context, Wiring wiring, Supervisors supervisors, GetPlacement get) {
    var system = context.getSystem();
    Duration timeout = Duration.ofSeconds(5);
    CompletionStage<List<Placement.TrainerSlot>> trainers =
        AskPattern.ask(wiring.queue(), DeviceQueue.GetTrainers::new, timeout, system.scheduler());
    String node = Placement.node(system.address());
    supervisors.here(timeout).thenCombine(trainers, (s, t) -> new Placement(node, s, t))
        .whenComplete((placement, failure) -> get.replyTo().tell(java.util.Optional.ofNullable(placement)));
    return Behaviors.same();
  }

  private static void onRecover(ActorContext<Command> context, Supervisors supervisors, Recover recover, CrashGuard guard) {
    if (recover.failure() != null) {
      context.getLog().error("could not list the journal's experiments; none will resume", recover.failure());
      return;
    }
    var system = context.getSystem();
    for (String id : recover.experimentIds()) {
      String reason = guard.quarantined().get(id);
      if (reason != null) {
        context.getLog().error("experiment {} {}", id, reason);
        guard.enter(id, CrashGuard.Phase.RECOVERY); // should this recovery kill the JVM too, the next start leaves it alone
        context.watchWith(context.spawn(Quarantine.create(id, reason), "quarantine-" + id), new Quarantined(id));
        continue;
      }
      if (guard.isQuarantined(id)) {
        context.getLog().warn("experiment {} was quarantined at an earlier start; it is not brought back", id);
        continue;
      }
      guard.enter(id, CrashGuard.Phase.RECOVERY);
      // a supervisor answers once it has recovered (commands wait for recovery); a sharded one starts on this message
      AskPattern.<ExperimentSupervisor.Command, ExperimentState>ask(supervisors.start(id), ExperimentSupervisor.GetState::new,
              RECOVERY_WAIT, system.scheduler())
          .whenComplete((state, failure) -> guard.leave(id, CrashGuard.Phase.RECOVERY));
    }
    context.getLog().info("{} experiments in the journal", recover.experimentIds().size());
  }

  private static Behavior<Command> onNew(Supervisors supervisors, ExperimentSupervisor.Submit submit) {
    String id;
    do {
      id = LocalDateTime.now().format(ID_TIME) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    } while (supervisors.taken(id));
    supervisors.start(id).tell(submit);
    return Behaviors.same();
  }
}
