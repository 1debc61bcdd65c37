package org.pathlab.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Where the experiments' supervisors live, for {@link Experiments}: children of its actor on a
 * daemon alone, or entities sharded over the cluster's nodes. The protocol is the same either way;
 * only these four answers differ, so the choice is made once ({@link #of}) and nothing else asks
 * whether the daemon is clustered (docs/architecture.md, "One code path").
 */
interface Supervisors {

  /** Experiment {@code id}'s supervisor, started when it is not running (a submission, a recovery). */
  RecipientRef<ExperimentSupervisor.Command> start(String id);

  /**
   * The supervisor a request for experiment {@code id} goes to; empty when this daemon knows there
   * is no such experiment (a sharded entity answers "no experiment" itself, having no events).
   */
  Optional<RecipientRef<ExperimentSupervisor.Command>> find(String id);

  /** Whether a new experiment may not take {@code id} (it names a running supervisor). */
  boolean taken(String id);

  /** The experiments supervised on this node, by id. */
  CompletionStage<List<String>> here(Duration timeout);

  static Supervisors of(ActorContext<?> context, Experiments.Wiring wiring) {
    return wiring.sharding() == null ? new Children(context, wiring) : new Sharded(context, wiring);
  }

  /** A daemon alone: each supervisor a child of the {@link Experiments} actor, named by its id. */
  final class Children implements Supervisors {
    private final ActorContext<?> context;
    private final Experiments.Wiring wiring;

    Children(ActorContext<?> context, Experiments.Wiring wiring) {
      this.context = context;
      this.wiring = wiring;
    }

    @Override
    public RecipientRef<ExperimentSupervisor.Command> start(String id) {
      return find(id).orElseGet(() -> context.spawn(ExperimentSupervisor.create(id, wiring), id));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<RecipientRef<ExperimentSupervisor.Command>> find(String id) {
      return context.getChild(id).map(child -> (ActorRef<ExperimentSupervisor.Command>) (ActorRef<?>) child);
    }

    @Override
    public boolean taken(String id) {
      return context.getChild(id).isPresent();
    }

    @Override
    public CompletionStage<List<String>> here(Duration timeout) {
      return CompletableFuture.completedFuture(context.getChildren().stream().map(c -> c.path().name()).sorted().toList());
    }
  }

  /** A cluster: supervisors are sharded entities of type {@link #ENTITY}, one per experiment id. */
  final class Sharded implements Supervisors {
    /**
     * The entity type. Here rather than in {@link Experiments}, so that a daemon that is not
     * clustered never loads Pekko Cluster's classes (the device kit leaves those jars out).
     */
    static final EntityTypeKey<ExperimentSupervisor.Command> ENTITY =
        EntityTypeKey.create(ExperimentSupervisor.Command.class, "experiment");

    private final ActorContext<?> context;
    private final ClusterSharding sharding;

    Sharded(ActorContext<?> context, Experiments.Wiring wiring) {
      this.context = context;
      this.sharding = wiring.sharding();
      sharding.init(Entity.of(ENTITY, entity -> ExperimentSupervisor.create(entity.getEntityId(), wiring)));
    }

    @Override
    public RecipientRef<ExperimentSupervisor.Command> start(String id) {
      return sharding.entityRefFor(ENTITY, id);
    }

    @Override
    public Optional<RecipientRef<ExperimentSupervisor.Command>> find(String id) {
      return Optional.of(start(id));
    }

    @Override
    public boolean taken(String id) {
      return false; // ids carry 16 random bits after the second; a clash within one second is left to chance
    }

    @Override
    public CompletionStage<List<String>> here(Duration timeout) {
      return AskPattern.<ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(sharding.shardState(),
              replyTo -> new GetShardRegionState(ENTITY, replyTo), timeout, context.getSystem().scheduler())
          .thenApply(state -> state.getShards().stream().flatMap(shard -> shard.getEntityIds().stream()).sorted().toList());
    }
  }
}
