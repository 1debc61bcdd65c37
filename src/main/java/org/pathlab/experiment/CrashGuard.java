package org.pathlab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends crash loops. While an experiment is in a phase that could take the JVM down (its supervisor
 * recovering its state, a trainer training one of its tasks) a mark file says so, under
 * {@code <data-dir>/crash-guard/in-flight/}; the phase's normal end removes it. A mark found at
 * start-up means the daemon died during that phase: the experiment is charged one death. An
 * epoch trained or a run ended clears its deaths, since the experiment got further than before. At
 * {@code max-deaths} deaths in a row (two, by default) the experiment is quarantined: it is not
 * resumed, and the supervisor persists why ({@link Quarantine}), so that the daemon serves
 * everything else instead of dying again at every start. The files are plain and tiny, written
 * before the phase starts: they must outlive an OutOfMemoryError or a native crash, when no code
 * of the daemon runs any more. A phase that ends by an exception leaves its mark too; nothing
 * clears marks at shutdown, since the shutdown hooks also run after an OutOfMemoryError.
 */
public final class CrashGuard {

  private static final Logger LOG = LoggerFactory.getLogger(CrashGuard.class);

  /** The phases a mark names. */
  public enum Phase { RECOVERY, TRAINING }

  private final Path inFlight;
  private final Path deaths;
  private final Path kept;
  private final Map<String, String> quarantined;
  /** Experiments with deaths on record: an epoch clears them (no file is touched for the others). */
  private final Set<String> charged = ConcurrentHashMap.newKeySet();

  /** A guard that marks nothing: tests and tools without a data directory. */
  public static final CrashGuard NONE = new CrashGuard();

  private CrashGuard() {
    this.inFlight = null;
    this.deaths = null;
    this.kept = null;
    this.quarantined = Map.of();
  }

  /** Reads the marks the last daemon left under {@code dataDir}, charging a death to each; {@code maxDeaths} ≥ 1. */
  public CrashGuard(Path dataDir, int maxDeaths) {
    this.inFlight = dataDir.resolve("crash-guard").resolve("in-flight");
    this.deaths = dataDir.resolve("crash-guard").resolve("deaths");
    this.kept = dataDir.resolve("crash-guard").resolve("quarantined");
    Map<String, String> quarantine = new TreeMap<>();
    try {
      Files.createDirectories(inFlight);
      Files.createDirectories(deaths);
      Files.createDirectories(kept);
      try (Stream<Path> marks = Files.list(inFlight)) {
        for (Path mark : marks.sorted().toList()) {
          String name = mark.getFileName().toString();
          int dot = name.lastIndexOf('.');
          if (dot < 0 || name.endsWith(".tmp")) continue;
          String id = name.substring(0, dot);
          String phase = name.substring(dot + 1);
          int count = deathsOf(id) + 1;
          write(deaths.resolve(id), Integer.toString(count));
          Files.deleteIfExists(mark);
          charged.add(id);
          LOG.warn("the daemon stopped without shutting down while experiment {} was in {} ({} such stop{} in a row)", id, phase,
              count, count == 1 ? "" : "s");
          if (count >= maxDeaths && Files.exists(kept.resolve(id))) {
            // quarantined before, and its quarantine's own recovery died: nothing more is tried with it
            LOG.error("experiment {} was quarantined before and is not touched again", id);
          } else if (count >= maxDeaths) {
            quarantine.put(id, "quarantined: the daemon stopped without shutting down " + count + " times in a row while this experiment"
                + " was in " + phase + " (an out-of-memory error, a native crash or a kill); it is not resumed, so that the daemon"
                + " serves everything else. Its events and reports stay; submit it again (pathlab submit --from) once the cause is fixed");
            write(kept.resolve(id), quarantine.get(id));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the crash guard's marks under " + inFlight.getParent(), e);
    }
    this.quarantined = Map.copyOf(quarantine);
  }

  /** The experiments quarantined at this start, each with its reason: their supervisors persist it. */
  public Map<String, String> quarantined() {
    return quarantined;
  }

  /** Whether {@code id} was quarantined at this start or an earlier one: it is not brought back at start-up. */
  public boolean isQuarantined(String id) {
    return kept != null && ExperimentIds.isValid(id) && Files.exists(kept.resolve(id));
  }

  /** {@code id} enters a phase that could take the JVM down. */
  public void enter(String id, Phase phase) {
    if (inFlight == null || !ExperimentIds.isValid(id)) return;
    try {
      write(inFlight.resolve(id + "." + phase.name().toLowerCase()), "");
    } catch (IOException e) {
      LOG.warn("could not mark experiment {} in {} (a crash loop would not be caught): {}", id, phase, e.toString());
    }
  }

  /** {@code id} left the phase normally. */
  public void leave(String id, Phase phase) {
    if (inFlight == null || !ExperimentIds.isValid(id)) return;
    try {
      Files.deleteIfExists(inFlight.resolve(id + "." + phase.name().toLowerCase()));
    } catch (IOException e) {
      LOG.warn("could not clear experiment {}'s mark of {}: {}", id, phase, e.toString());
    }
  }

  /** {@code id} got further than before (an epoch, a task): its deaths are forgiven. */
  public void progressed(String id) {
    if (deaths == null || !charged.remove(id)) return;
    try {
      Files.deleteIfExists(deaths.resolve(id));
    } catch (IOException e) {
      LOG.warn("could not clear experiment {}'s deaths: {}", id, e.toString());
    }
  }

  private int deathsOf(String id) {
    try {
      return Integer.parseInt(Files.readString(deaths.resolve(id)).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** Written whole and synced, then moved into place: a mark is there or it is not. */
  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
