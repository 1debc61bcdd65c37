package org.pathlab.daemon;

import ai.djl.Device;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.pathlab.experiment.ExperimentIds;
import org.pathlab.api.HttpApi;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.pathlab.experiment.Cancellations;
import org.pathlab.experiment.DeviceQueue;
import org.pathlab.experiment.Devices;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.PrefixRegistry;
import org.pathlab.scenario.Admission;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.Roots;
import org.pathlab.searching.SearchSupervisor;
import org.pathlab.searching.Searches;
import org.pathlab.train.ScenarioFiles;
import org.pathlab.experiment.PrefixReuse;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.persistence.query.Offset;
import org.pathlab.experiment.ExperimentSupervisor;
import org.pathlab.experiment.Experiments;
import org.pathlab.experiment.LiveProgress;
import org.pathlab.experiment.Trainer;
import org.pathlab.report.ReportProjection;
import org.pathlab.report.ReadSide;
import org.pathlab.report.Reporter;
import org.pathlab.storage.StorageMonitor;
import org.pathlab.storage.StorageProbe;
import org.pathlab.train.TaskTrainer;

/** Wires the daemon's actors together and starts the HTTP API; does nothing else. */
final class Guardian {

  private Guardian() {}

  static Behavior<Void> create(Settings settings, String token, CompletableFuture<HttpApi.Binding> bound) {
    return Behaviors.setup(context -> {
      LiveProgress progress = new LiveProgress();
      Cancellations cancellations = new Cancellations();
      Devices devices = new Devices();
      org.pathlab.experiment.CrashGuard guard = new org.pathlab.experiment.CrashGuard(settings.dataDir(), settings.maxDeaths());
      List<ActorRef<Trainer.Command>> trainers = new java.util.ArrayList<>();
      for (DeviceSpec spec : settings.devices()) {
        for (int k = 1; k <= settings.runsPerDevice(); k++) {
          String name = settings.runsPerDevice() == 1 ? spec.name() : spec.name() + "#" + k;
          devices.register(name, spec.kind());
          trainers.add(context.spawn(
              Trainer.create(name, () -> new TaskTrainer(spec.device(), settings.dataRoots(), settings.modelRoots(), settings.checkpointDir()),
                  progress, cancellations, devices, guard),
              Trainer.actorName(name),
              DispatcherSelector.fromConfig(Trainer.DISPATCHER)));
        }
      }
      // one queue in front of every trainer: runs take turns, and no device idles while work waits;
      // in a cluster, in front of every node's trainers (found through the receptionist)
      boolean clustered = settings.cluster().enabled();
      ActorRef<DeviceQueue.Command> queue;
      if (clustered) {
        for (ActorRef<Trainer.Command> t : trainers) {
          context.getSystem().receptionist().tell(org.apache.pekko.actor.typed.receptionist.Receptionist.register(Trainer.SERVICE, t));
        }
        queue = context.spawn(DeviceQueue.clustered(), "device-queue");
      } else {
        queue = context.spawn(DeviceQueue.create(trainers), "device-queue");
      }
      // on shutdown, wait for this node's trainers (in a cluster the queue also waits on other nodes')
      var scheduler = context.getSystem().scheduler();
      java.time.Duration wait = settings.shutdownTimeout();
      List<java.util.function.Supplier<java.util.concurrent.CompletionStage<Done>>> idle = clustered
          ? trainers.stream().<java.util.function.Supplier<java.util.concurrent.CompletionStage<Done>>>map(
              t -> () -> AskPattern.ask(t, Trainer.Idle::new, wait, scheduler)).toList()
          : List.of(() -> AskPattern.ask(queue, DeviceQueue.Idle::new, wait, scheduler));
      stopTrainingOnShutdown(context.getSystem(), cancellations, idle, wait);

      JdbcReadJournal journal =
          PersistenceQuery.get(context.getSystem()).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      String prefix = ExperimentIds.PREFIX;
      ActorRef<PrefixRegistry.Command> prefixes =
          context.spawn(settings.reuse() ? PrefixRegistry.loading() : PrefixRegistry.create(), "prefixes");
      // Every trained prefix in the journal is reusable: the registry keeps each claim (of a recovered
      // experiment or of one submitted now) until it has been told them all.
      CompletionStage<Done> loaded = !settings.reuse()
          ? CompletableFuture.completedFuture(Done.getInstance())
          : journal.currentEventsByTag(ExperimentEvent.TAG, Offset.noOffset()).runForeach(envelope -> {
              if (envelope.event() instanceof ExperimentEvent.TaskCompleted t && t.prefixKey() != null && !t.reused()) {
                prefixes.tell(new PrefixRegistry.Load(new org.pathlab.experiment.PrefixKey(t.prefixKey()), new PrefixRegistry.Source(
                    ExperimentIds.experimentOf(envelope.persistenceId()), t.runId(), t.taskIndex(), t)));
              }
            }, context.getSystem());
      var system = context.getSystem();
      loaded.whenComplete((done, failure) -> {
        if (failure != null) system.log().error("reading the journal's trained prefixes failed: none of them will be reused", failure);
        prefixes.tell(new PrefixRegistry.Loaded());
      });
      var known = loaded.thenCompose(done ->
          journal
              .currentPersistenceIds()
              .filter(pid -> pid.startsWith(prefix))
              .map(pid -> pid.substring(prefix.length()))
              .runWith(Sink.seq(), context.getSystem())
              .thenApply(List::copyOf));
      var wiring = new Experiments.Wiring(queue, cancellations, settings.retries(),
          new PrefixReuse.Settings(prefixes, settings.trainingSignature(), settings.reuse(), org.pathlab.model.ModelKind.cpuKeyNotes()),
          clustered ? org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(context.getSystem()) : null);
      ActorRef<Experiments.Command> experiments = context.spawn(Experiments.create(wiring, known, guard), "experiments");
      Admission admission = new Admission(settings.scenarioLimits(), new Roots(settings.modelRoots(), settings.dataRoots()),
          s -> ScenarioFiles.problems(s, settings.modelRoots(), settings.dataRoots()), settings.precisionHost());
      ActorRef<Searches.Command> searches = context.spawn(Searches.create(new SearchSupervisor.Wiring(experiments,
          text -> admission.plan(admission.parse(text, "search evaluation")), context.getSystem().settings().config().getDuration("pathlab.search.poll")), knownSearches(journal, loaded, system)),
          "searches");
      ReportProjection projection = new ReportProjection(context.getSystem(),
          context.getSystem().settings().config().getConfig("pekko-persistence-jdbc.shared-databases.pathlab.db"),
          settings.reportsDir());
      try {
        projection.ensureTables();
      } catch (Exception e) {
        projection.close();
        bound.completeExceptionally(e);
        throw e;
      }
      // the read side: the projection folds, the read side holds what it folded and answers from it
      var blocking = context.getSystem().dispatchers().lookup(
          DispatcherSelector.fromConfig("pekko.projection.jdbc.blocking-jdbc-dispatcher"));
      ActorRef<ReadSide.Command> readSide = context.spawn(ReadSide.create(() -> projection.start(blocking),
          id -> projection.lookup(id, blocking), context.getSystem().settings().config().getDuration("pathlab.read-side.wait")), "read-side");
      projection.onFolded((states, offset) -> readSide.tell(new ReadSide.Projected(states, offset)));
      progress.onChange(experimentId -> readSide.tell(new ReadSide.EpochChanged(experimentId)));
      context.spawn(projection.behavior(), "report-projection");
      ActorRef<Reporter.Command> reporter = context.spawn(Reporter.create(journal, projection), "reporter");

      ActorRef<StorageMonitor.Command> storage = context.spawn(
          StorageMonitor.create(storageProbe(settings), settings.storageProbeInterval()), "storage-monitor");

      HttpApi.start(context.getSystem(), settings.host(), settings.port(), token, experiments, searches, reporter, readSide, progress, devices,
          storage, settings.allowedHosts(), admission, new Weights(settings.checkpointDir()))
          .whenComplete((binding, failure) -> {
            if (failure != null) bound.completeExceptionally(failure);
            else bound.complete(binding);
          });
      return Behaviors.receive(Void.class)
          .onSignal(PostStop.class, signal -> {
            projection.close();
            return Behaviors.same();
          })
          .build();
    });
  }

  /** The searches in the journal, listed once the trained prefixes are loaded (their evaluations may reuse them). */
  private static CompletionStage<List<String>> knownSearches(JdbcReadJournal journal, CompletionStage<Done> loaded,
      org.apache.pekko.actor.typed.ActorSystem<?> system) {
    String prefix = SearchSupervisor.persistenceId("").id();
    return loaded.thenCompose(done -> journal.currentPersistenceIds().filter(pid -> pid.startsWith(prefix))
        .map(pid -> pid.substring(prefix.length())).runWith(Sink.seq(), system).thenApply(List::copyOf));
  }

  /** What the storage monitor writes to: the journal's database, the data directory, and a checkpoint directory elsewhere. */
  private static StorageProbe storageProbe(Settings settings) {
    JournalDatabase journal = settings.journal();
    String advice = journal.file()
        .map(file -> "free space on the file system that holds it (df -h " + file.getParent() + "); the daemon goes on by "
            + "itself once it can write, and nothing it acknowledged is lost")
        .orElse("check that the database server runs and can write (disk space, permissions); the daemon goes on by "
            + "itself once it can");
    List<java.nio.file.Path> directories = new java.util.ArrayList<>(List.of(settings.dataDir()));
    if (!settings.checkpointDir().startsWith(settings.dataDir())) directories.add(settings.checkpointDir());
    return new StorageProbe(
        new StorageProbe.Journal(journal.url(), journal.user(), journal.password(), journal.description(), advice), directories);
  }

  /**
   * Graceful shutdown (SIGTERM, Ctrl-C, {@code Daemon.close}): the HTTP API has stopped accepting
   * requests (phase service-unbind); then every trainer stops at its next epoch boundary and is
   * waited for, so that a task that just completed is persisted before the journal closes. Every
   * acknowledged event is already on disk (the journal writes with no delay).
   */
  private static void stopTrainingOnShutdown(org.apache.pekko.actor.typed.ActorSystem<?> system, Cancellations cancellations,
      List<java.util.function.Supplier<java.util.concurrent.CompletionStage<Done>>> trainers, java.time.Duration timeout) {
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "pathlab-stop-training", () -> {
      system.log().info("shutting down: training stops at the next epoch boundary (waiting up to {})", timeout);
      cancellations.stopAll();
      CompletableFuture<?>[] idle = trainers.stream()
          .map(trainer -> trainer.get().toCompletableFuture())
          .toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(idle).handle((done, failure) -> {
        if (failure != null) system.log().warn("a trainer did not stop within {}; stopping anyway", timeout);
        else system.log().info("every trainer is idle");
        return Done.getInstance();
      });
    });
  }
}
