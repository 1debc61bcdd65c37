package org.pathlab.daemon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.pathlab.api.HttpApi;

/**
 * A running pathlab daemon: the journal schema ensured, the actor system up, the HTTP API bound.
 * {@link #close()} shuts it down through Pekko's coordinated shutdown (unbind, stop actors, close
 * the journal).
 */
public final class Daemon implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final HttpApi.Binding binding;
  private final Settings settings;
  private final DataDirLock lock;

  private Daemon(ActorSystem<Void> system, HttpApi.Binding binding, Settings settings, DataDirLock lock) {
    this.system = system;
    this.binding = binding;
    this.settings = settings;
    this.lock = lock;
    // however the system ends (close(), SIGTERM through coordinated shutdown), the data directory is released after it
    system.getWhenTerminated().whenComplete((done, failure) -> releaseQuietly(lock));
  }

  /** Starts with {@code overrides} over the loaded configuration (application.conf, reference.conf). */
  public static Daemon start(Config overrides) throws Exception {
    Config config = overrides.withFallback(ConfigFactory.load()).resolve();
    Settings settings;
    // DJL reads these once, when the engine starts (devices = auto starts it to count GPUs):
    // offline (never download), and bounded threads.
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(config.getInt("pathlab.training.threads")));
    System.setProperty("ai.djl.pytorch.num_interop_threads", String.valueOf(config.getInt("pathlab.training.interop-threads")));
    try {
      settings = Settings.from(config);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }

    Files.createDirectories(settings.dataDir());
    DataDirLock lock = DataDirLock.acquire(settings.dataDir());
    try {
      return start(config, settings, lock);
    } catch (Exception | Error e) {
      releaseQuietly(lock);
      throw e;
    }
  }

  private static Daemon start(Config config, Settings settings, DataDirLock lock) throws Exception {
    Files.createDirectories(settings.journalDir());
    Files.createDirectories(settings.checkpointDir());
    String token = settings.requireToken() ? ApiToken.ensure(settings.tokenFile()) : null;
    JournalDatabase journal = settings.journal();
    JournalFile.check(journal);
    if (journal.embedded()) {
      // Validate every pooled connection when it is borrowed, not only after 500 ms idle: the
      // journal's pools then drop the connections of an H2 database that closed itself after a
      // failed write, and reopen it once it can be written (docs/operations.md, storage faults).
      System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0");
    }
    try {
      JournalSchema.ensure(journal.url(), journal.user(), journal.password(), journal.schema());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot open the journal database " + journal.url() + ": " + e.getMessage()
          + (journal.embedded() ? "" : "; is PostgreSQL running and pathlab.journal.user/password right? (docs/operations.md)"), e);
    }
    Config full = journal.pekkoConfig()
        .withFallback(clusterConfig(settings.cluster()))
        .withFallback(ConfigFactory.parseMap(Map.of(
            "pathlab.training-dispatcher.thread-pool-executor.fixed-pool-size", settings.trainers())))
        .withFallback(config);

    CompletableFuture<HttpApi.Binding> bound = new CompletableFuture<>();
    ActorSystem<Void> system = ActorSystem.create(Guardian.create(settings, token, bound), "pathlab", full);
    try {
      HttpApi.Binding binding = bound.get(60, TimeUnit.SECONDS);
      if (token != null) {
        system.log().info("the API requires a bearer token; it is in {} (readable by its owner only)", settings.tokenFile());
      }
      return new Daemon(system, binding, settings, lock);
    } catch (Exception e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "could not serve on " + settings.host() + ":" + settings.port() + " (" + rootMessage(e)
              + "); is another daemon running? Set pathlab.http.port or PATHLAB_PORT to use another port",
          e);
    }
  }

  /**
   * The Pekko settings of cluster mode: cluster provider, Artery on the configured address, the
   * seed nodes, sharding that remembers its entities (so a dead node's experiments restart on
   * another), and Pekko's split-brain resolver with the configured strategy (keep-majority for
   * three nodes or more; keep-oldest for two, where the oldest node goes on).
   */
  private static Config clusterConfig(Settings.Cluster cluster) {
    if (!cluster.enabled()) return ConfigFactory.empty();
    StringBuilder seeds = new StringBuilder();
    for (String seed : cluster.seedNodes()) {
      if (seeds.length() > 0) seeds.append(", ");
      seeds.append('"').append("pekko://pathlab@").append(seed).append('"');
    }
    return ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = "%s"
        pekko.remote.artery.canonical.port = %d
        pekko.cluster.seed-nodes = [%s]
        pekko.cluster.downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
        pekko.cluster.split-brain-resolver.active-strategy = %s
        pekko.cluster.split-brain-resolver.stable-after = 5s
        pekko.cluster.sharding.remember-entities = on
        pekko.cluster.sharding.remember-entities-store = eventsourced
        """.formatted(cluster.host(), cluster.port(), seeds, cluster.splitBrain()));
  }

  private static void releaseQuietly(DataDirLock lock) {
    try {
      lock.close();
    } catch (java.io.IOException | RuntimeException ignored) {
      // already released
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage();
  }

  public int port() {
    return binding.port();
  }

  public Settings settings() {
    return settings;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** Blocks until the daemon has shut down (for instance on SIGTERM). */
  public void awaitTermination() throws Exception {
    system.getWhenTerminated().toCompletableFuture().get();
  }

  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture()
        .get(settings.shutdownTimeout().plus(Duration.ofMinutes(1)).toSeconds(), TimeUnit.SECONDS);
    releaseQuietly(lock);
  }
}
