package org.pathlab.experiment;

import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.pathlab.train.TaskOutcome;
import org.pathlab.train.TaskTrainer;
import org.pathlab.train.TrainRequest;

/**
 * One per device. Trains one task at a time, synchronously: it must be spawned on the dedicated
 * blocking dispatcher ({@code pathlab.training-dispatcher}), never on Pekko's default one. Its
 * mailbox is the device's queue of work. The engine starts on the first request.
 */
public final class Trainer extends AbstractBehavior<Trainer.Command> {

  public sealed interface Command {}

  /** Train one task; the outcome (completed, diverged or failed) is the reply, never an exception. */
  public record Train(String experimentId, String runId, TrainRequest request, ActorRef<TaskOutcome> replyTo)
      implements Command {}

  public static final String DISPATCHER = "pathlab.training-dispatcher";

  private final String device;
  private final Supplier<TaskTrainer> factory;
  private final LiveProgress progress;
  private TaskTrainer trainer;

  public static Behavior<Command> create(String device, Supplier<TaskTrainer> factory, LiveProgress progress) {
    return Behaviors.setup(context -> new Trainer(context, device, factory, progress));
  }

  private Trainer(ActorContext<Command> context, String device, Supplier<TaskTrainer> factory, LiveProgress progress) {
    super(context);
    this.device = device;
    this.factory = factory;
    this.progress = progress;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Train.class, this::onTrain)
        .onSignal(PostStop.class, signal -> onStop())
        .build();
  }

  private Behavior<Command> onTrain(Train train) {
    TaskOutcome outcome;
    try {
      if (trainer == null) {
        trainer = factory.get();
      }
      getContext().getLog().info("{} trains {}/{} task {}", device, train.experimentId(), train.runId(), train.request().taskIndex());
      outcome =
          trainer.train(
              train.request(),
              (taskIndex, metrics) -> progress.update(train.experimentId(), train.runId(), taskIndex, metrics));
    } catch (RuntimeException | LinkageError e) {
      outcome = new TaskOutcome.Failed(device + " could not train: " + e);
    }
    train.replyTo().tell(outcome);
    return this;
  }

  private Behavior<Command> onStop() {
    if (trainer != null) {
      trainer.close();
    }
    return this;
  }
}
