package org.pathlab.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;

/**
 * Every path prefix this daemon knows to be trained (from the journal at start, then as tasks
 * complete), and those being trained now. A run about to train a task {@link #claim}s its prefix
 * key: it reuses a completed prefix, waits for one in training, or trains it itself; whoever waits
 * is told once the training completed (reuse it) or was abandoned (claim again). So concurrent runs
 * that need the same prefix train it once. Shared by every supervisor; thread-safe.
 */
public final class Prefixes {

  /** A trained completion that others may continue from. */
  public record Source(String experimentId, String runId, int taskIndex, TaskCompleted completion) {
    public String label() {
      return experimentId + "/" + runId + "/" + taskIndex;
    }
  }

  public sealed interface Claim {}

  /** Continue from this completion instead of training. */
  public record Reuse(Source source) implements Claim {}

  /** Another run trains this prefix now; the callback will say how it ended. */
  public record Wait() implements Claim {}

  /** Train it: this caller now holds the prefix until it {@link #completed} or {@link #abandoned} it. */
  public record Train() implements Claim {}

  private final Map<String, Source> done = new HashMap<>();
  private final Map<String, List<Consumer<Optional<Source>>>> training = new HashMap<>();

  /** A completion read from the journal (the first one of each key is kept). */
  public synchronized void load(String key, Source source) {
    done.putIfAbsent(key, source);
  }

  /** {@code onSettled} is called (on the completing caller's thread) only when the answer is {@link Wait}. */
  public synchronized Claim claim(String key, Consumer<Optional<Source>> onSettled) {
    Source source = done.get(key);
    if (source != null) return new Reuse(source);
    List<Consumer<Optional<Source>>> waiting = training.get(key);
    if (waiting != null) {
      waiting.add(onSettled);
      return new Wait();
    }
    training.put(key, new ArrayList<>());
    return new Train();
  }

  /** The holder trained the prefix and its completion is persisted: waiters reuse it. */
  public void completed(String key, Source source) {
    List<Consumer<Optional<Source>>> waiting;
    Source kept;
    synchronized (this) {
      Source earlier = done.putIfAbsent(key, source);
      kept = earlier != null ? earlier : source;
      waiting = training.remove(key);
    }
    // read under the lock: a concurrent forget(key) must not hand the waiters null
    if (waiting != null) waiting.forEach(w -> w.accept(Optional.of(kept)));
  }

  /** The holder will not complete the prefix (failure, divergence, cancellation, shutdown): waiters claim again. */
  public void abandoned(String key) {
    List<Consumer<Optional<Source>>> waiting;
    synchronized (this) {
      waiting = training.remove(key);
    }
    if (waiting != null) waiting.forEach(w -> w.accept(Optional.empty()));
  }

  /** The prefix's checkpoint turned out missing or altered: never reuse it again. */
  public synchronized void forget(String key) {
    done.remove(key);
  }

  public synchronized int size() {
    return done.size();
  }
}
