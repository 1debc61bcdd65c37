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
import org.pathlab.api.HttpApi;
import org.pathlab.experiment.Cancellations;
import org.pathlab.experiment.ExperimentSupervisor;
import org.pathlab.experiment.Experiments;
import org.pathlab.experiment.LiveProgress;
import org.pathlab.experiment.Trainer;
import org.pathlab.report.ReportProjection;
import org.pathlab.report.Reporter;
import org.pathlab.train.TaskTrainer;

/** Wires the daemon's actors together and starts the HTTP API; does nothing else. */
final class Guardian {

  private Guardian() {}

  static Behavior<Void> create(Settings settings, CompletableFuture<HttpApi.Binding> bound) {
    return Behaviors.setup(context -> {
      LiveProgress progress = new LiveProgress();
      Cancellations cancellations = new Cancellations();
      ActorRef<Trainer.Command> trainer =
          context.spawn(
              Trainer.create("cpu", () -> new TaskTrainer(Device.cpu(), settings.dataRoots(), settings.checkpointDir()),
                  progress, cancellations),
              "trainer-cpu",
              DispatcherSelector.fromConfig(Trainer.DISPATCHER));

      JdbcReadJournal journal =
          PersistenceQuery.get(context.getSystem()).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      String prefix = ExperimentSupervisor.persistenceId("").id();
      var known =
          journal
              .currentPersistenceIds()
              .filter(pid -> pid.startsWith(prefix))
              .map(pid -> pid.substring(prefix.length()))
              .runWith(Sink.seq(), context.getSystem())
              .thenApply(List::copyOf);
      var wiring = new Experiments.Wiring(trainer, cancellations, settings.retries());
      ActorRef<Experiments.Command> experiments = context.spawn(Experiments.create(wiring, known), "experiments");
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
      context.spawn(projection.behavior(), "report-projection");
      ActorRef<Reporter.Command> reporter = context.spawn(Reporter.create(journal, projection), "reporter");

      HttpApi.start(context.getSystem(), settings.host(), settings.port(), experiments, reporter, progress)
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
}
