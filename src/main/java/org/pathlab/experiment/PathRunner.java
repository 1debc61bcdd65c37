package org.pathlab.experiment;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.wire.PathlabSerializable;
import org.pathlab.train.TaskOutcome;
import org.pathlab.train.TrainRequest;

/**
 * One per run. Holds no durable state: its supervisor tells it which task to train next and from
 * which checkpoint; it asks the trainer and reports the outcome back. The supervisor persists the
 * outcome before it tells the runner to go on.
 */
public final class PathRunner {

  public sealed interface Command {}

  /** Train task {@code taskIndex}, starting from {@code checkpoint} (null: fresh initialization). */
  public record TrainTask(int taskIndex, String checkpoint, String checkpointSha256) implements Command, PathlabSerializable {}

  /** The trainer's reply, wrapped by a local message adapter: it never crosses a serialization boundary. */
  private record Trained(int taskIndex, TaskOutcome outcome) implements Command {}

  private PathRunner() {}

  public static Behavior<Command> create(
      String experimentId,
      Plan plan,
      RunSpec run,
      String cpuLayout,
      ActorRef<Trainer.Command> trainer,
      ActorRef<ExperimentSupervisor.Command> supervisor) {
    return Behaviors.setup(
        context -> {
          return Behaviors.receive(Command.class)
              .onMessage(
                  TrainTask.class,
                  task -> {
                    TrainRequest request =
                        new TrainRequest(
                            experimentId + "/" + run.id(),
                            run.seed(),
                            task.taskIndex(),
                            plan.dataset(),
                            plan.model(),
                            plan.transforms(),
                            run.path().step(task.taskIndex()),
                            task.checkpoint(),
                            task.checkpointSha256(),
                            plan.widths(),
                            plan.torchscript(),
                            cpuLayout);
                    ActorRef<TaskOutcome> adapter =
                        context.messageAdapter(TaskOutcome.class, outcome -> new Trained(task.taskIndex(), outcome));
                    trainer.tell(new Trainer.Train(experimentId, run.id(), request, adapter));
                    return Behaviors.same();
                  })
              .onMessage(
                  Trained.class,
                  trained -> {
                    supervisor.tell(
                        new ExperimentSupervisor.TaskDone(run.id(), trained.taskIndex(), trained.outcome(), context.getSelf()));
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
