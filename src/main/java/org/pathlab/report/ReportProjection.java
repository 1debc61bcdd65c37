package org.pathlab.report;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.apache.pekko.serialization.SerializationExtension;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of the journal: a Pekko projection over the events tagged
 * {@link ExperimentEvent#TAG}, processed exactly once — a group of events' effect on the
 * {@link ReadModel} and the projection's offset are committed in one database transaction. When an
 * experiment ends, its report files are (re)written under the reports directory; writing a file
 * twice gives the same bytes, so a crash between the write and the commit costs nothing.
 *
 * <p>Clearing the offset ({@link #ID} through {@code ProjectionManagement}) rebuilds the read model
 * and every report file from the first event.
 */
public final class ReportProjection implements AutoCloseable {

  public static final ProjectionId ID = ProjectionId.of("reports", ExperimentEvent.TAG);

  /** A group closes after this many events or this long after its first, whichever comes first. */
  static final int GROUP_EVENTS = 500;
  static final Duration GROUP_WITHIN = Duration.ofMillis(200);

  private static final Logger log = LoggerFactory.getLogger(ReportProjection.class);

  private final HikariDataSource dataSource;
  private final ReadModel readModel;
  private final Path reportsDir;
  private final ActorSystem<?> system;
  private volatile BiConsumer<List<ExperimentState>, Long> listener = (states, offset) -> {};
  /**
   * A group passes it while it is folded and its report files written; {@link #close} waits for one
   * in flight, so no report file appears after the daemon has stopped.
   */
  private final org.pathlab.storage.WriteGate gate = new org.pathlab.storage.WriteGate();
  /** Report files that could not be written since the last rebuild began: `report --rebuild` fails when any. */
  private final java.util.concurrent.atomic.AtomicLong unwritten = new java.util.concurrent.atomic.AtomicLong();

  /** How long {@link #close} waits for a group in flight (report files of many ended experiments, at a rebuild). */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  /** {@code database}: a {@code db} block of pekko-persistence-jdbc's shared-databases (url, user, password, driver). */
  public ReportProjection(ActorSystem<?> system, Config database, Path reportsDir) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.getString("url"));
    config.setUsername(database.getString("user"));
    config.setPassword(database.getString("password"));
    config.setDriverClassName(database.getString("driver"));
    config.setMaximumPoolSize(system.settings().config().getInt("pekko.projection.jdbc.blocking-jdbc-dispatcher.thread-pool-executor.fixed-pool-size"));
    config.setAutoCommit(false);
    config.setPoolName("pathlab-read-model");
    // the journal's own pool settings: on H2, a query tells a dead connection after a storage fault
    if (database.hasPath("connectionTestQuery")) config.setConnectionTestQuery(database.getString("connectionTestQuery"));
    this.dataSource = new HikariDataSource(config);
    this.readModel = new ReadModel(SerializationExtension.get(system));
    this.reportsDir = reportsDir;
    this.system = system;
  }

  /** Creates the offset tables if missing (the read model's table is in the journal's schema script). */
  public void ensureTables() throws Exception {
    JdbcProjection.createTablesIfNotExists(this::session, system).toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  /** The projection, to spawn once; it restarts with backoff after a failure (a database outage). */
  public Behavior<ProjectionBehavior.Command> behavior() {
    SourceProvider<Offset, EventEnvelope<ExperimentEvent>> source =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), ExperimentEvent.TAG);
    return ProjectionBehavior.create(
        JdbcProjection.groupedWithin(ID, source, this::session, Handler::new, system)
            .withGroup(GROUP_EVENTS, GROUP_WITHIN)
            .withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  /** How many experiments' report files could not be written since {@link #resetUnwritten}. */
  public long unwritten() {
    return unwritten.get();
  }

  /** Called as a rebuild begins. */
  public void resetUnwritten() {
    unwritten.set(0);
  }

  public ReadModel readModel() {
    return readModel;
  }

  /** A connection from the read model's pool; the caller closes it. */
  public Connection connection() throws java.sql.SQLException {
    return dataSource.getConnection();
  }

  /**
   * The last event of the journal after {@code after} (its ordering; {@code after} when there is
   * none): read through the read journal's query by tag, never by SQL on the journal's tables, so
   * it costs the events the projection has yet to fold.
   */
  public CompletionStage<Long> journalEnd(long after) {
    return PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier())
        .currentEventsByTag(ExperimentEvent.TAG, Offset.sequence(after))
        .runFold(after, (end, envelope) -> Math.max(end, ((Sequence) envelope.offset()).value()), system);
  }

  /**
   * Where the read side starts: the projection's offset, the journal's end after it, and the read
   * model's rows (read on {@code blocking}).
   */
  public CompletionStage<ReadSide.Start> start(java.util.concurrent.Executor blocking) {
    String table = system.settings().config().getString("pekko.projection.jdbc.offset-store.table");
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      // the rows and the offset in one transaction (the projection commits them together); read
      // from the offset table, not through ProjectionManagement, which waits for the projection to run
      try (Connection c = connection(); java.sql.PreparedStatement s = c.prepareStatement("SELECT \"current_offset\" FROM \""
          + table + "\" WHERE \"projection_name\" = ? AND \"projection_key\" = ?")) {
        s.setString(1, ID.name());
        s.setString(2, ID.key());
        long offset = 0;
        try (java.sql.ResultSet r = s.executeQuery()) {
          if (r.next()) offset = Long.parseLong(r.getString(1));
        }
        List<ExperimentState> rows = readModel.list(c);
        c.rollback();
        // the journal's end comes later than the rows after an unclean stop: its query waits at the stop's gap
        return new ReadSide.Start(rows, offset, journalEnd(offset));
      } catch (java.sql.SQLException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, blocking);
  }

  /**
   * For an experiment a read side does not know: its row of the read model (read on {@code
   * blocking}) and, when there is none, whether the journal holds its first event (read through the
   * read journal's query, not folded).
   */
  public CompletionStage<ReadSide.Found> lookup(String experimentId, java.util.concurrent.Executor blocking) {
    return row(experimentId, blocking).thenCompose(row -> row.isPresent()
        ? java.util.concurrent.CompletableFuture.completedFuture(new ReadSide.Found(row, true))
        : PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier())
            .currentEventsByPersistenceId(ExperimentIds.persistenceId(experimentId).id(), 1, 1)
            .runWith(org.apache.pekko.stream.javadsl.Sink.headOption(), system)
            .thenApply(first -> new ReadSide.Found(row, first.isPresent())));
  }

  private CompletionStage<java.util.Optional<ExperimentState>> row(String experimentId, java.util.concurrent.Executor blocking) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try (Connection c = connection()) {
        java.util.Optional<ExperimentState> state = readModel.load(c, experimentId);
        c.rollback();
        return state;
      } catch (java.sql.SQLException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, blocking);
  }

  /**
   * Who hears every state the projection folds ({@link ReadSide}): called once per group, with one
   * state per experiment the group touched and the group's last offset, before the group's
   * transaction commits (a group that fails to commit is folded again, to the same states).
   */
  public void onFolded(BiConsumer<List<ExperimentState>, Long> listener) {
    this.listener = listener;
  }

  /** An experiment's events {@code from..to} by persistence id, for {@link GroupFold} (blocks: a projection thread). */
  private List<ExperimentEvent> missed(String persistenceId, long from, long to) throws Exception {
    return PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier())
        .currentEventsByPersistenceId(persistenceId, from, to)
        .map(envelope -> (ExperimentEvent) envelope.event())
        .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), system)
        .toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  private PooledSession session() {
    return new PooledSession(dataSource);
  }

  /** No group is folded after this; one in flight is waited for (at most {@link #CLOSE_WAIT}), then the pool is closed. */
  @Override
  public void close() {
    if (!gate.close(CLOSE_WAIT, dataSource::close)) {
      log.warn("the report projection was still folding events after {} s; closed under it (the next start folds them again)",
          CLOSE_WAIT.toSeconds());
    }
  }

  /**
   * Folds a group of events into the read model in one transaction (with the group's offset): each
   * experiment's state is read once and written once per group, so catching up with a long journal
   * costs one state write per group instead of one per event.
   */
  private final class Handler extends JdbcHandler<List<EventEnvelope<ExperimentEvent>>, PooledSession> {
    @Override
    public void process(PooledSession session, List<EventEnvelope<ExperimentEvent>> envelopes) throws Exception {
      // once closed, the group fails: its offset is not stored, and the next start folds it again
      gate.ifOpen(() -> fold(session, envelopes))
          .orElseThrow(() -> new IllegalStateException("the daemon is stopping; these events are folded at its next start"));
    }

    private boolean fold(PooledSession session, List<EventEnvelope<ExperimentEvent>> envelopes) throws Exception {
      session.withConnection(connection -> {
        GroupFold.Folded folded = GroupFold.fold(envelopes, id -> readModel.load(connection, id), ReportProjection.this::missed);
        Map<String, ExperimentState> touched = folded.touched();
        List<ExperimentState> ended = folded.ended();
        for (ExperimentState state : touched.values()) readModel.store(connection, state);
        listener.accept(List.copyOf(touched.values()), ((Sequence) envelopes.get(envelopes.size() - 1).offset()).value());
        if (reportsDir != null) ended.forEach(this::writeFiles);
        return null;
      });
      return true;
    }

    private void writeFiles(ExperimentState state) {
      try {
        Path dir = ReportFiles.write(ReportBuilder.build(state), reportsDir);
        log.info("report files of {} written under {}", state.experimentId(), dir);
      } catch (java.io.IOException | RuntimeException e) {
        // The read model still moves on; `pathlab report --rebuild` writes the files again, and says when it cannot.
        unwritten.incrementAndGet();
        log.error("could not write the report files of {} (rebuild them with `pathlab report --rebuild`)", state.experimentId(), e);
      }
    }
  }
}
