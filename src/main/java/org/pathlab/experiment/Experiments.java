package org.pathlab.experiment;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.pathlab.scenario.Plan;

/**
 * Owns one {@link ExperimentSupervisor} per experiment: names new experiments, and at start
 * brings back every experiment the journal knows, so that unfinished ones resume.
 */
public final class Experiments {

  public sealed interface Command {}

  public record Submit(Plan plan, String scenarioText, ActorRef<ExperimentReply> replyTo) implements Command {}

  public record Cancel(String experimentId, String reason, ActorRef<ExperimentReply> replyTo) implements Command {}

  /** Tag, note, archive or restore experiment {@code experimentId} ({@link ExperimentSupervisor.Annotate}). */
  public record Annotate(String experimentId, ExperimentEvent.Annotation event, ActorRef<ExperimentReply> replyTo) implements Command {}

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
  public record Wiring(ActorRef<Trainer.Command> trainer, Cancellations cancellations, RetryPolicy retries,
      PrefixReuse.Settings reuse, ClusterSharding sharding) {}

  /** In a cluster, supervisors are sharded entities of this type, one per experiment id. */
  public static final EntityTypeKey<ExperimentSupervisor.Command> ENTITY =
      EntityTypeKey.create(ExperimentSupervisor.Command.class, "experiment");

  /** {@code known}: the ids of experiments already in the journal. */
  public static Behavior<Command> create(Wiring wiring, CompletionStage<List<String>> known) {
    return create(wiring, known, CrashGuard.NONE);
  }

  /** {@code guard}: which experiments to quarantine rather than resume, and where to mark recoveries in flight. */
  public static Behavior<Command> create(Wiring wiring, CompletionStage<List<String>> known, CrashGuard guard) {
    return Behaviors.withStash(10_000, stash -> Behaviors.setup(context -> {
      if (wiring.sharding() != null) {
        wiring.sharding().init(Entity.of(ENTITY, entity -> ExperimentSupervisor.create(entity.getEntityId(), wiring)));
      }
      context.pipeToSelf(known, Recover::new);
      // until the journal's experiments have supervisors, a command for one of them would find none: it waits
      return Behaviors.receive(Command.class)
          .onMessage(Recover.class, recover -> {
            onRecover(context, wiring, recover, guard);
            return stash.unstashAll(recovered(context, wiring, guard));
          })
          .onAnyMessage(command -> {
            if (!stash.isFull()) stash.stash(command);
            else context.getLog().warn("the journal's experiments are still being listed; dropped {}", command);
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static Behavior<Command> recovered(ActorContext<Command> context, Wiring wiring, CrashGuard guard) {
    return Behaviors.receive(Command.class)
        .onMessage(Submit.class, submit -> onSubmit(context, wiring, submit))
        .onMessage(Cancel.class, cancel -> forward(context, wiring, guard, cancel.experimentId(),
            new ExperimentSupervisor.Cancel(cancel.reason(), cancel.replyTo()), cancel.replyTo()))
        .onMessage(Annotate.class, a -> forward(context, wiring, guard, a.experimentId(),
            new ExperimentSupervisor.Annotate(a.event(), a.replyTo()), a.replyTo()))
        .onMessage(GetPlacement.class, get -> onGetPlacement(context, wiring, get))
        .onMessage(Quarantined.class, q -> {
          guard.leave(q.experimentId(), CrashGuard.Phase.RECOVERY);
          return Behaviors.same();
        })
        .build();
  }

  /** {@code command} to experiment {@code id}'s supervisor; "no experiment" to {@code replyTo} when there is none. */
  @SuppressWarnings("unchecked")
  private static Behavior<Command> forward(ActorContext<Command> context, Wiring wiring, CrashGuard guard, String id,
      ExperimentSupervisor.Command command, ActorRef<ExperimentReply> replyTo) {
    if (wiring.sharding() != null) {
      // the entity answers "no experiment" itself when it has no events
      wiring.sharding().entityRefFor(ENTITY, id).tell(command);
      return Behaviors.same();
    }
    var child = context.getChild(id);
    // a quarantined experiment has no supervisor until someone asks something of it (its recovery may be what killed the JVM)
    if (child.isEmpty() && guard.isQuarantined(id)) {
      supervisor(context, wiring, id).tell(command);
      return Behaviors.same();
    }
    if (child.isEmpty()) {
      replyTo.tell(ExperimentReply.refused(ExperimentReply.Refusal.NOT_FOUND, "no experiment '" + id + "'"));
    } else {
      ((ActorRef<ExperimentSupervisor.Command>) (ActorRef<?>) child.get()).tell(command);
    }
    return Behaviors.same();
  }

  private static Behavior<Command> onGetPlacement(ActorContext<Command> context, Wiring wiring, GetPlacement get) {
    var system = context.getSystem();
    Duration timeout = Duration.ofSeconds(5);
    CompletionStage<List<String>> supervising;
    if (wiring.sharding() != null) {
      // the entities of this node's shard region: the experiments supervised here
      supervising = AskPattern.<ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(wiring.sharding().shardState(),
              replyTo -> new GetShardRegionState(ENTITY, replyTo), timeout, system.scheduler())
          .thenApply(state -> state.getShards().stream().flatMap(shard -> shard.getEntityIds().stream()).sorted().toList());
    } else {
      supervising = CompletableFuture.completedFuture(context.getChildren().stream().map(c -> c.path().name()).sorted().toList());
    }
    CompletionStage<List<Placement.TrainerSlot>> trainers =
        AskPattern.ask(wiring.trainer(), Trainer.GetTrainers::new, timeout, system.scheduler());
    String node = Placement.node(system.address());
    supervising.thenCombine(trainers, (s, t) -> new Placement(node, s, t))
        .whenComplete((placement, failure) -> get.replyTo().tell(java.util.Optional.ofNullable(placement)));
    return Behaviors.same();
  }

  private static void onRecover(ActorContext<Command> context, Wiring wiring, Recover recover, CrashGuard guard) {
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
      AskPattern.<ExperimentSupervisor.Command, ExperimentState>ask(supervisor(context, wiring, id), ExperimentSupervisor.GetState::new,
              RECOVERY_WAIT, system.scheduler())
          .whenComplete((state, failure) -> guard.leave(id, CrashGuard.Phase.RECOVERY));
    }
    context.getLog().info("{} experiments in the journal", recover.experimentIds().size());
  }

  private static Behavior<Command> onSubmit(ActorContext<Command> context, Wiring wiring, Submit submit) {
    String id;
    do {
      id = LocalDateTime.now().format(ID_TIME) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    } while (wiring.sharding() == null && context.getChild(id).isPresent());
    supervisor(context, wiring, id).tell(new ExperimentSupervisor.Submit(submit.plan(), submit.scenarioText(), submit.replyTo()));
    return Behaviors.same();
  }

  @SuppressWarnings("unchecked")
  private static RecipientRef<ExperimentSupervisor.Command> supervisor(
      ActorContext<Command> context, Wiring wiring, String id) {
    if (wiring.sharding() != null) return wiring.sharding().entityRefFor(ENTITY, id);
    var existing = context.getChild(id);
    if (existing.isPresent()) {
      return (ActorRef<ExperimentSupervisor.Command>) (ActorRef<?>) existing.get();
    }
    return context.spawn(ExperimentSupervisor.create(id, wiring), id);
  }
}
