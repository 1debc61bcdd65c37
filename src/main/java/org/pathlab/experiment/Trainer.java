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
import org.pathlab.train.TaskTraining;
import org.pathlab.train.TrainRequest;
import org.pathlab.metrics.TrainedOn;

/**
 * One per device. Trains one task at a time, synchronously: it must be spawned on the dedicated
 * blocking dispatcher ({@code pathlab.training-dispatcher}), never on Pekko's default one. Its
 * mailbox is the device's queue of work. The engine starts on the first request.
 */
public final class Trainer extends AbstractBehavior<Trainer.Command> {

  /** What {@link DeviceQueue} sends a trainer (locally, or from another node of the cluster). */
  public sealed interface Command {}

  /** Train one task; the outcome (completed, diverged or failed) is the reply, never an exception. */
  public record Train(String experimentId, String runId, TrainRequest request, ActorRef<TaskOutcome> replyTo)
      implements Command, org.pathlab.wire.PathlabSerializable {}

  /** The receptionist key under which every node of a cluster registers its trainers. */
  public static final org.apache.pekko.actor.typed.receptionist.ServiceKey<Command> SERVICE =
      org.apache.pekko.actor.typed.receptionist.ServiceKey.create(Command.class, "pathlab-trainers");

  /** Answered once every request before it has been handled: after a shutdown began, the trainer is idle then. */
  public record Idle(ActorRef<org.apache.pekko.Done> replyTo) implements Command {}

  public static final String DISPATCHER = "pathlab.training-dispatcher";

  /** The actor name of the trainer of device {@code name}: {@code trainer-cpu}, {@code trainer-cpu%232} for {@code cpu#2}. */
  public static String actorName(String name) {
    return "trainer-" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The device name of a trainer actor ({@link #actorName}'s inverse). */
  static String deviceName(ActorRef<?> trainer) {
    return java.net.URLDecoder.decode(trainer.path().name().replaceFirst("^trainer-", ""), java.nio.charset.StandardCharsets.UTF_8);
  }

  private final String device;
  private final Supplier<? extends TaskTraining> factory;
  private final LiveProgress progress;
  private final Cancellations cancellations;
  private final Devices devices;
  /** This node's {@code host:port} in a cluster; null for a daemon on its own. */
  private final String node;
  private final CrashGuard guard;
  private TaskTraining trainer;

  public static Behavior<Command> create(
      String device, Supplier<? extends TaskTraining> factory, LiveProgress progress, Cancellations cancellations, Devices devices) {
    return create(device, factory, progress, cancellations, devices, CrashGuard.NONE);
  }

  /** {@code guard} marks each task's experiment while it trains, so that a task that kills the JVM is not trained for ever. */
  public static Behavior<Command> create(String device, Supplier<? extends TaskTraining> factory, LiveProgress progress,
      Cancellations cancellations, Devices devices, CrashGuard guard) {
    return Behaviors.setup(context -> new Trainer(context, device, factory, progress, cancellations, devices, guard));
  }

  private Trainer(ActorContext<Command> context, String device, Supplier<? extends TaskTraining> factory, LiveProgress progress,
      Cancellations cancellations, Devices devices, CrashGuard guard) {
    super(context);
    this.device = device;
    this.factory = factory;
    this.progress = progress;
    this.cancellations = cancellations;
    this.devices = devices;
    this.guard = guard;
    this.node = Placement.node(context.getSystem().address());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Train.class, this::onTrain)
        .onMessage(Idle.class, idle -> {
          idle.replyTo().tell(org.apache.pekko.Done.getInstance());
          return this;
        })
        .onSignal(PostStop.class, signal -> onStop())
        .build();
  }

  private Behavior<Command> onTrain(Train train) {
    String experiment = train.experimentId();
    if (cancellations.isCancelled(experiment)) {
      train.replyTo().tell(new TaskOutcome.Cancelled(0));
      return this;
    }
    TaskOutcome outcome;
    try {
      if (trainer == null) {
        trainer = factory.get();
      }
      // the crash-loop mark first: a death any time after the line below must find it
      guard.enter(experiment, CrashGuard.Phase.TRAINING);
      // One machine-readable line per training start: the crash tests count them.
      getContext().getLog().info("train-start device={} experiment={} run={} task={} at={}", device, experiment,
          train.runId(), train.request().taskIndex(), System.currentTimeMillis());
      devices.started(device, new Devices.Activity(experiment, train.runId(), train.request().taskIndex(), System.currentTimeMillis()));
      try {
        outcome = trainer.train(
            train.request(),
            (taskIndex, metrics) -> {
              progress.update(experiment, train.runId(), taskIndex, metrics);
              guard.progressed(experiment);
            },
            () -> cancellations.isCancelled(experiment));
        // a normal return or an exception clears the mark; an Error that takes the JVM down leaves it for the next start
        guard.leave(experiment, CrashGuard.Phase.TRAINING);
      } catch (RuntimeException e) {
        guard.leave(experiment, CrashGuard.Phase.TRAINING);
        throw e;
      } finally {
        devices.finished(device);
        // the task is over: its live epoch says nothing the journal does not (and would stay forever)
        progress.forget(experiment, train.runId());
      }
      if (outcome instanceof TaskOutcome.Completed c) {
        // the node and which of the daemon's devices trained it (the trainer names the engine device)
        outcome = new TaskOutcome.Completed(c.metrics(), c.checkpoint(), c.checkpointSha256(), new TrainedOn(node, device, c.on().engine()));
      }
      if (outcome instanceof TaskOutcome.Cancelled && cancellations.stopping()) {
        getContext().getLog().info("train-stop device={} experiment={} run={} task={}: shutting down, stopped at an epoch boundary",
            device, experiment, train.runId(), train.request().taskIndex());
      }
    } catch (RuntimeException | LinkageError e) {
      // the engine could not start: another attempt may succeed (native libraries still extracting, memory)
      outcome = new TaskOutcome.Failed(device + " could not train: " + e, true);
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
