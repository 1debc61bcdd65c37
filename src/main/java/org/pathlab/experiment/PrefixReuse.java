package org.pathlab.experiment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.scenario.Plan;

/**
 * One supervisor's side of prefix reuse: it claims each task's prefix from the daemon's {@link
 * PrefixRegistry}, remembers which keys its runs hold, and lets go of them when a run completes,
 * fails or stops. Used only on the supervisor's own thread.
 */
public final class PrefixReuse {

  /**
   * The daemon's registry, its training signature (part of every key), whether reuse is on, and
   * what a key adds for a model trained on this host's CPU in another layout than trainer 4 used
   * (by model id; {@code model.ModelKind#cpuKeyNotes}).
   */
  public record Settings(ActorRef<PrefixRegistry.Command> registry, String training, boolean enabled, Map<String, String> cpuKeyNotes) {
    public Settings {
      cpuKeyNotes = Map.copyOf(cpuKeyNotes);
    }

    public Settings(ActorRef<PrefixRegistry.Command> registry, String training, boolean enabled) {
      this(registry, training, enabled, Map.of());
    }

    public static Settings off() {
      return new Settings(null, "cpu", false);
    }
  }

  private final String experimentId;
  private final Settings settings;
  private final ActorRef<PrefixRegistry.Answer> answers;
  private final ActorRef<?> owner;
  /** The key each run holds (trains for every run that waits on it), by run id. */
  private final Map<String, PrefixKey> held = new HashMap<>();

  PrefixReuse(String experimentId, Settings settings, ActorRef<PrefixRegistry.Answer> answers, ActorRef<?> owner) {
    this.experimentId = experimentId;
    this.settings = settings;
    this.answers = answers;
    this.owner = owner;
  }

  /** Whether this plan's tasks are claimed before they are trained. */
  boolean appliesTo(Plan plan) {
    return settings.enabled() && plan.reuse();
  }

  PrefixKey key(Plan plan, String runId, int taskIndex) {
    return PrefixKey.of(plan, plan.run(runId), taskIndex, training(plan, settings.training(), settings.cpuKeyNotes()));
  }

  /**
   * The training signature of a plan's prefixes: the daemon's, and on a CPU-only daemon the
   * model's note where it trains in another layout than earlier keys were made with (ResNet-18
   * without AVX-512: {@code " layout=nchw"}).
   */
  static String training(Plan plan, String daemonTraining, Map<String, String> cpuKeyNotes) {
    boolean cpuOnly = daemonTraining.equals("cpu") || daemonTraining.startsWith("cpu ");
    if (!cpuOnly || plan.torchscript() != null) return daemonTraining;
    return daemonTraining + cpuKeyNotes.getOrDefault(plan.model(), "");
  }

  /**
   * The layout a built-in model of {@code plan} trains in on a CPU, as this daemon's keys say
   * ({@link #training}): channels-last where the key has no note, NCHW where it has {@code "
   * layout=nchw"}; null for a TorchScript module (its layout is found from the module) or where
   * this daemon knows no note for the model. It goes into every train request of the plan.
   */
  String cpuLayout(Plan plan) {
    String note = plan.torchscript() != null ? null : settings.cpuKeyNotes().get(plan.model());
    if (note == null) return null;
    return note.isEmpty() ? org.pathlab.train.TrainRequest.CHANNELS_LAST : org.pathlab.train.TrainRequest.NCHW;
  }

  /** Asks the registry for task {@code taskIndex}'s prefix; the answer comes as a {@link PrefixRegistry.Answer}. */
  void claim(Plan plan, String runId, int taskIndex) {
    settings.registry().tell(new PrefixRegistry.Claim(key(plan, runId, taskIndex), runId, taskIndex, answers, owner));
  }

  /**
   * Acts on the registry's answer for a run that still needs the task: it holds the key and trains
   * ({@code train}), claims again, or waits. {@link PrefixRegistry.Ready} is the supervisor's to persist.
   */
  void answered(PrefixRegistry.Answer answer, Plan plan, Runnable train) {
    if (answer instanceof PrefixRegistry.Train t) {
      held.put(t.runId(), t.key());
      train.run();
    } else if (answer instanceof PrefixRegistry.ClaimAgain) {
      claim(plan, answer.runId(), answer.taskIndex());
    }
  }

  /** The key was handed to a run that no longer needs it: give it back at once. */
  void giveBack(PrefixRegistry.Train train) {
    held.put(train.runId(), train.key());
    abandon(train.runId());
  }

  /** A trained (not reused) completion is persisted: it becomes reusable, and its run lets go of its key. */
  void completed(TaskCompleted event) {
    held.remove(event.runId());
    if (!settings.enabled() || event.reused() || event.prefixKey() == null) return;
    settings.registry().tell(new PrefixRegistry.Completed(new PrefixKey(event.prefixKey()),
        new PrefixRegistry.Source(experimentId, event.runId(), event.taskIndex(), event)));
  }

  /** {@code runId} will not complete the key it holds (if any): whoever waits on it claims again. */
  void abandon(String runId) {
    PrefixKey key = held.remove(runId);
    if (key != null) settings.registry().tell(new PrefixRegistry.Abandon(key));
  }

  void abandonAll() {
    for (String runId : List.copyOf(held.keySet())) abandon(runId);
  }

  /** The checkpoint of this prefix is missing or altered: it must never be reused. */
  void forget(PrefixKey key) {
    if (settings.enabled()) settings.registry().tell(new PrefixRegistry.Forget(key));
  }
}
