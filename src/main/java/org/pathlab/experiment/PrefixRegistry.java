package org.pathlab.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;

/**
 * Every path prefix this daemon knows to be trained (from the journal at start, then as tasks
 * complete), and those being trained now: one actor per daemon, shared by every supervisor. A run
 * about to train a task {@link Claim}s its prefix key and hears back {@link Ready} (reuse it),
 * {@link Train} (it now holds the key) or {@link Wait} (another run trains it; {@link Ready} or
 * {@link ClaimAgain} follows once that run completed or gave up). So concurrent runs that need the
 * same prefix train it once. A supervisor that stops gives up every key it holds.
 *
 * <p>Made with {@link #loading()}, the registry first takes the journal's completions ({@link Load})
 * and keeps every claim until {@link Loaded} says they are all in: a claim answered before then
 * could train a prefix the journal already holds (an experiment submitted right after the daemon
 * started did, before this).
 */
public final class PrefixRegistry {

  /** A trained completion that others may continue from. */
  public record Source(String experimentId, String runId, int taskIndex, TaskCompleted completion) {
    public String label() {
      return new org.pathlab.scenario.RunRef(experimentId, runId) + "/" + taskIndex;
    }
  }

  public sealed interface Command {}

  /** A completion read from the journal (the first one of each key is kept). */
  public record Load(PrefixKey key, Source source) implements Command {}

  /** Run {@code runId} is about to train task {@code taskIndex}, whose prefix is {@code key}. */
  public record Claim(PrefixKey key, String runId, int taskIndex, ActorRef<Answer> replyTo, ActorRef<?> owner) implements Command {}

  /** The prefix is trained and its completion persisted: its holder (if any) lets go, its waiters reuse it. */
  public record Completed(PrefixKey key, Source source) implements Command {}

  /** The holder will not complete the prefix (failure, divergence, cancellation, shutdown): waiters claim again. */
  public record Abandon(PrefixKey key) implements Command {}

  /** The prefix's checkpoint turned out missing or altered: never reuse it again. */
  public record Forget(PrefixKey key) implements Command {}

  /** Every completion in the journal has been sent as {@link Load} (or reading them failed): answer claims now. */
  public record Loaded() implements Command {}

  /** How many trained prefixes are known. */
  public record GetSize(ActorRef<Integer> replyTo) implements Command {}

  private record OwnerStopped(ActorRef<?> owner) implements Command {}

  /** What a claimant hears about its claim. */
  public sealed interface Answer {
    String runId();

    int taskIndex();

    PrefixKey key();
  }

  /** Continue from this completion instead of training. */
  public record Ready(String runId, int taskIndex, PrefixKey key, Source source) implements Answer {}

  /** Train it: the claimant holds the key until it sends {@link Completed} or {@link Abandon}. */
  public record Train(String runId, int taskIndex, PrefixKey key) implements Answer {}

  /** Another run trains this prefix now; {@link Ready} or {@link ClaimAgain} follows. */
  public record Wait(String runId, int taskIndex, PrefixKey key) implements Answer {}

  /** The run that trained the prefix gave up: claim it again (this claimant may train it now). */
  public record ClaimAgain(String runId, int taskIndex, PrefixKey key) implements Answer {}

  private record Holding(ActorRef<?> owner, List<Claim> waiters) {}

  private final ActorContext<Command> context;
  private final Map<PrefixKey, Source> done = new HashMap<>();
  private final Map<PrefixKey, Holding> training = new HashMap<>();
  private final Set<ActorRef<?>> watched = new HashSet<>();

  /** A registry that answers claims at once (it has nothing to load). */
  public static Behavior<Command> create() {
    return Behaviors.setup(context -> new PrefixRegistry(context).behavior());
  }

  /** Claims wait until {@link Loaded}: at most {@code STASH} of them (runs starting), more fail loudly. */
  public static Behavior<Command> loading() {
    return Behaviors.withStash(STASH, stash -> Behaviors.setup(context -> {
      PrefixRegistry registry = new PrefixRegistry(context);
      return Behaviors.receive(Command.class)
          .onMessage(Load.class, m -> {
            registry.done.putIfAbsent(m.key(), m.source());
            return Behaviors.same();
          })
          .onMessage(Loaded.class, m -> stash.unstashAll(registry.behavior()))
          .onAnyMessage(m -> {
            stash.stash(m);
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static final int STASH = 100_000;

  private PrefixRegistry(ActorContext<Command> context) {
    this.context = context;
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Load.class, m -> {
          done.putIfAbsent(m.key(), m.source());
          return Behaviors.same();
        })
        .onMessage(Claim.class, this::onClaim)
        .onMessage(Completed.class, this::onCompleted)
        .onMessage(Abandon.class, m -> {
          release(m.key(), null);
          return Behaviors.same();
        })
        .onMessage(Forget.class, m -> {
          done.remove(m.key());
          return Behaviors.same();
        })
        .onMessage(Loaded.class, m -> Behaviors.same())
        .onMessage(GetSize.class, m -> {
          m.replyTo().tell(done.size());
          return Behaviors.same();
        })
        .onMessage(OwnerStopped.class, this::onOwnerStopped)
        .build();
  }

  private Behavior<Command> onClaim(Claim c) {
    Source source = done.get(c.key());
    if (source != null) {
      c.replyTo().tell(new Ready(c.runId(), c.taskIndex(), c.key(), source));
    } else if (training.containsKey(c.key())) {
      training.get(c.key()).waiters().add(c);
      watch(c.owner());
      c.replyTo().tell(new Wait(c.runId(), c.taskIndex(), c.key()));
    } else {
      training.put(c.key(), new Holding(c.owner(), new ArrayList<>()));
      watch(c.owner());
      c.replyTo().tell(new Train(c.runId(), c.taskIndex(), c.key()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onCompleted(Completed m) {
    Source earlier = done.putIfAbsent(m.key(), m.source());
    release(m.key(), earlier != null ? earlier : m.source());
    return Behaviors.same();
  }

  /** The key is no longer trained: its waiters reuse {@code source}, or claim again when it is null. */
  private void release(PrefixKey key, Source source) {
    Holding holding = training.remove(key);
    if (holding == null) return;
    for (Claim w : holding.waiters()) {
      w.replyTo().tell(source != null
          ? new Ready(w.runId(), w.taskIndex(), w.key(), source)
          : new ClaimAgain(w.runId(), w.taskIndex(), w.key()));
    }
  }

  private Behavior<Command> onOwnerStopped(OwnerStopped m) {
    watched.remove(m.owner());
    for (Holding h : training.values()) h.waiters().removeIf(w -> w.owner().equals(m.owner()));
    List<PrefixKey> held = training.entrySet().stream().filter(e -> e.getValue().owner().equals(m.owner())).map(Map.Entry::getKey).toList();
    for (PrefixKey key : held) release(key, null);
    return Behaviors.same();
  }

  private void watch(ActorRef<?> owner) {
    if (watched.add(owner)) context.watchWith(owner, new OwnerStopped(owner));
  }
}
