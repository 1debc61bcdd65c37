package org.pathlab.daemon;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.report.ReportBuilder;
import org.pathlab.report.ReportFiles;

/**
 * Rebuilds every experiment's report files from a journal file with no daemon running: the same
 * folds and renderers as the daemon's, so the files are byte-identical to the ones it wrote; then
 * every search's ({@link SearchReplay}).
 */
public final class Replay {

  /** What was rebuilt. */
  public record Result(List<Path> directories, long events, double seconds, double readSeconds) {}

  private Replay() {}

  /** {@code journal}: the H2 file ({@code .../journal/pathlab.mv.db}); the daemon using it must be stopped. */
  public static Result run(Path journal, Path out) throws Exception {
    return run(journal.toString(), out);
  }

  /**
   * {@code journal}: the H2 file ({@code .../journal/pathlab.mv.db}, its daemon stopped), or the JDBC
   * URL of a PostgreSQL journal (user and password from $PATHLAB_JOURNAL_USER and
   * $PATHLAB_JOURNAL_PASSWORD, or in the URL); it is only read.
   */
  public static Result run(String journal, Path out) throws Exception {
    String url;
    String user;
    String password;
    if (journal.startsWith("jdbc:postgresql:")) {
      url = journal;
      user = System.getenv().getOrDefault("PATHLAB_JOURNAL_USER", "");
      password = System.getenv().getOrDefault("PATHLAB_JOURNAL_PASSWORD", "");
    } else {
      Path path = Path.of(journal);
      String file = path.toAbsolutePath().normalize().toString();
      if (!file.endsWith(".mv.db") || !Files.isRegularFile(path)) {
        throw new IllegalArgumentException("no H2 journal file at " + journal
            + "; give the daemon's <data-dir>/journal/pathlab.mv.db, or a jdbc:postgresql:// URL");
      }
      url = "jdbc:h2:file:" + file.substring(0, file.length() - ".mv.db".length()) + ";DB_CLOSE_ON_EXIT=FALSE;ACCESS_MODE_DATA=r";
      user = "sa";
      password = "";
    }
    // The actor system is only needed for the event serializers.
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "pathlab-replay", ConfigFactory.load());
    int workers = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      long start = System.nanoTime();
      Serialization serialization = SerializationExtension.get(system);
      String prefix = ExperimentIds.PREFIX;
      // One pass over the journal in (experiment, sequence) order; each experiment's report is
      // built and written on the pool while the next experiment is read. At most a few states wait.
      Semaphore waiting = new Semaphore(workers * 4);
      List<Built> built = new ArrayList<>();
      java.util.Map<String, ExperimentState> confirmations = new java.util.HashMap<>();
      List<Path> searches;
      long events = 0;
      try (Connection connection = DriverManager.getConnection(url, user, password);
          PreparedStatement select = connection.prepareStatement(
              "SELECT \"persistence_id\", \"event_ser_id\", \"event_ser_manifest\", \"event_payload\" FROM \"event_journal\" "
                  + "WHERE \"deleted\" = FALSE AND \"persistence_id\" LIKE ? ORDER BY \"persistence_id\", \"sequence_number\"")) {
        select.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
        connection.setReadOnly(true);
        connection.setAutoCommit(false); // PostgreSQL streams rows in fetch-size batches only inside a transaction
        select.setFetchSize(1000);
        try (ResultSet rows = select.executeQuery()) {
          ExperimentState state = null;
          while (rows.next()) {
            String id = rows.getString(1).substring(prefix.length());
            if (state == null || !state.experimentId().equals(id)) {
              if (state != null) built.add(submit(state, out, pool, waiting));
              if (state != null && state.experimentId().endsWith("-c")) confirmations.put(state.experimentId(), state);
              state = ExperimentState.empty(id);
            }
            Object event = serialization.deserialize(rows.getBytes(4), rows.getInt(2), rows.getString(3)).get();
            state = state.apply((ExperimentEvent) event);
            events++;
          }
          if (state != null) built.add(submit(state, out, pool, waiting));
          if (state != null && state.experimentId().endsWith("-c")) confirmations.put(state.experimentId(), state);
        }
        searches = SearchReplay.run(connection, serialization, confirmations, out);
      }
      double readSeconds = (System.nanoTime() - start) / 1e9;
      built.sort(Comparator.comparingLong((Built b) -> b.submittedAtMillis).thenComparing(b -> b.experimentId));
      List<Path> written = new ArrayList<>();
      for (Built b : built) {
        try {
          if (b.directory.get() != null) written.add(b.directory.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      written.addAll(searches);
      return new Result(written, events, (System.nanoTime() - start) / 1e9, readSeconds);
    } finally {
      pool.shutdownNow();
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private record Built(String experimentId, long submittedAtMillis, Future<Path> directory) {}

  /** Builds and writes the experiment's report on the pool (nothing for an experiment without a plan). */
  private static Built submit(ExperimentState state, Path out, ExecutorService pool, Semaphore waiting) throws InterruptedException {
    waiting.acquire();
    Future<Path> dir = pool.submit(() -> {
      try {
        return state.plan() == null ? null : ReportFiles.write(ReportBuilder.build(state), out);
      } finally {
        waiting.release();
      }
    });
    return new Built(state.experimentId(), state.submittedAtMillis(), dir);
  }
}
