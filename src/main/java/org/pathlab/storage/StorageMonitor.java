package org.pathlab.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Knows whether the daemon can write its storage, so that {@code /api/health} and submissions
 * can say so instead of hanging. Every {@code interval} it runs a {@link StorageProbe} round on the
 * blocking dispatcher (one at a time); an experiment supervisor's {@link JournalFailed} on the
 * event stream turns it unhealthy at once, until a probe round begun after that failure finds
 * everything writable again. It only observes: recovering is each writer's own business (the
 * supervisors restart and replay, the projection restarts, the pools reconnect).
 */
public final class StorageMonitor extends AbstractBehavior<StorageMonitor.Command> {

  public sealed interface Command {}

  public record GetHealth(ActorRef<StorageHealth> replyTo) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private record Probed(long round, List<String> problems, Throwable failure) implements Command {}

  private record Reported(JournalFailed failure) implements Command {}

  private final StorageProbe probe;
  private final Duration stallLimit;
  private final Executor blocking;

  private StorageHealth health = new StorageHealth(List.of(), System.currentTimeMillis());
  private List<String> probed = List.of();
  /** The last supervisor's failure not yet cleared by a later probe round, or null. */
  private String reported;
  private long reportedInRound;
  private long round;
  private long probeStartedAt = -1;

  /** {@code probe} is closed when the monitor stops. */
  public static Behavior<Command> create(StorageProbe probe, Duration interval) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      context.setLoggerName(StorageMonitor.class);
      timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, interval);
      context.getSystem().eventStream().tell(
          new EventStream.Subscribe<>(JournalFailed.class, context.messageAdapter(JournalFailed.class, Reported::new)));
      return new StorageMonitor(context, probe, interval);
    }));
  }

  private StorageMonitor(ActorContext<Command> context, StorageProbe probe, Duration interval) {
    super(context);
    this.probe = probe;
    // a probe round is a few tiny writes: one that takes this long means the storage hangs
    this.stallLimit = interval.multipliedBy(5).compareTo(Duration.ofSeconds(5)) > 0 ? interval.multipliedBy(5) : Duration.ofSeconds(5);
    this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetHealth.class, get -> {
          get.replyTo().tell(health);
          return this;
        })
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Probed.class, this::onProbed)
        .onMessage(Reported.class, this::onReported)
        .onSignal(PostStop.class, signal -> {
          probe.close();
          return this;
        })
        .build();
  }

  private Behavior<Command> onTick() {
    if (probeStartedAt >= 0) {
      long running = System.currentTimeMillis() - probeStartedAt;
      if (running > stallLimit.toMillis()) {
        update(List.of("the journal or the data directory has not answered a tiny write for " + running / 1000
            + " s (a hung disk or database server?); the daemon goes on by itself once they answer"));
      }
      return this;
    }
    long thisRound = ++round;
    probeStartedAt = System.currentTimeMillis();
    getContext().pipeToSelf(CompletableFuture.supplyAsync(probe::probe, blocking),
        (problems, failure) -> new Probed(thisRound, problems, failure));
    return this;
  }

  private Behavior<Command> onProbed(Probed result) {
    probeStartedAt = -1;
    List<String> problems = result.failure() == null ? result.problems()
        : List.of("the storage probe failed: " + StorageProbe.reason(result.failure()) + "; the daemon's log says more");
    if (reported != null && problems.isEmpty() && result.round() > reportedInRound) {
      reported = null; // a round begun after the failure wrote everything: the journal takes writes again
    }
    update(problems);
    return this;
  }

  private Behavior<Command> onReported(Reported report) {
    reported = probe.journalFailed(report.failure());
    reportedInRound = round;
    update(probed);
    return this;
  }

  private void update(List<String> problems) {
    probed = problems;
    List<String> all = new ArrayList<>(problems);
    if (reported != null) all.add(reported);
    if (all.equals(health.problems())) return;
    if (all.isEmpty()) {
      getContext().getLog().info("storage: the journal and the data directory can be written again");
    } else {
      getContext().getLog().error("storage fault: {}", String.join(" | ", all));
    }
    health = new StorageHealth(all, health.ok() != all.isEmpty() ? System.currentTimeMillis() : health.sinceMillis());
  }
}
