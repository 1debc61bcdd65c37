package org.pathlab.daemon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.report.ReportBuilder;
import org.pathlab.report.ReportFiles;
import org.pathlab.report.Reporter;

/**
 * Rebuilds every experiment's report files from a journal file with no daemon running: the same
 * folds and renderers as the daemon's, so the files are byte-identical to the ones it wrote.
 */
public final class Replay {

  /** What was rebuilt. */
  public record Result(List<Path> directories, long events, double seconds, double readSeconds) {}

  private Replay() {}

  /** {@code journal}: the H2 file ({@code .../journal/pathlab.mv.db}); the daemon using it must be stopped. */
  public static Result run(Path journal, Path out) throws Exception {
    String file = journal.toAbsolutePath().normalize().toString();
    if (!file.endsWith(".mv.db") || !Files.isRegularFile(journal)) {
      throw new IllegalArgumentException("no H2 journal file at " + journal
          + "; give the daemon's <data-dir>/journal/pathlab.mv.db");
    }
    String url = "jdbc:h2:file:" + file.substring(0, file.length() - ".mv.db".length()) + ";DB_CLOSE_ON_EXIT=FALSE";
    Config config = ConfigFactory.parseMap(Map.of("pekko-persistence-jdbc.shared-databases.pathlab.db.url", url))
        .withFallback(ConfigFactory.load());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "pathlab-replay", config);
    try {
      long start = System.nanoTime();
      JdbcReadJournal read = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      List<ExperimentState> states = Reporter.list(read, system).toCompletableFuture().get(10, TimeUnit.MINUTES);
      double readSeconds = (System.nanoTime() - start) / 1e9;
      // Reports are independent: build and write them on every core.
      List<Path> written = states.parallelStream().map(state -> {
        try {
          return ReportFiles.write(ReportBuilder.build(state), out);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
      long events = states.stream().mapToLong(ExperimentState::eventCount).sum();
      return new Result(written, events, (System.nanoTime() - start) / 1e9, readSeconds);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
