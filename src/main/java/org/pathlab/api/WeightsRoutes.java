package org.pathlab.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.RunState;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;

/**
 * {@code GET /api/experiments/ID/weights?arm=A&seed=S[&task=K]}: the parameters a run's task
 * (0-based; default: its last completed one) trained, as a file PyTorch reads ({@link WeightsOut}).
 */
final class WeightsRoutes extends AllDirectives {

  private final Answers answers;
  private final ActorSystem<?> system;
  private final WeightsOut weights;

  WeightsRoutes(Answers answers, ActorSystem<?> system, WeightsOut weights) {
    this.answers = answers;
    this.system = system;
    this.weights = weights;
  }

  Route of(String id) {
    return path("weights", () -> get(() -> parameter("arm", arm -> parameter("seed", seed -> parameterOptional("task", task ->
        weights(id, arm, seed, task))))));
  }

  private Route weights(String id, String arm, String seedText, Optional<String> taskText) {
    long seed;
    Integer task;
    try {
      seed = Long.parseLong(seedText);
      task = taskText.isPresent() ? Integer.valueOf(taskText.get()) : null;
    } catch (NumberFormatException e) {
      return bad("seed and task are whole numbers (task: 0-based, as in the tidy exports); got seed=" + seedText
          + taskText.map(t -> ", task=" + t).orElse(""));
    }
    return answers.fromJournal(answers.state(id), s -> s.map(state -> export(state, arm, seed, task)).orElseGet(() -> answers.notFound(id)));
  }

  private Route export(ExperimentState state, String arm, long seed, Integer task) {
    Plan plan = state.plan();
    Optional<RunSpec> found = plan.runs().stream().filter(r -> r.arm().equals(arm) && r.seed() == seed).findFirst();
    if (found.isEmpty()) {
      return bad("experiment " + state.experimentId() + " has no run of arm '" + arm + "' with seed " + seed + "; its runs: "
          + plan.runs().stream().map(r -> r.arm() + " seed " + r.seed()).distinct().toList());
    }
    RunSpec run = found.get();
    RunState runState = state.run(run.id());
    int tasks = run.path().size();
    if (task != null && (task < 0 || task >= tasks)) {
      return bad("task " + task + " is not a task of this path: it has " + tasks + " (0 to " + (tasks - 1) + ")");
    }
    int k = task != null ? task : runState.completed().size() - 1;
    if (k < 0 || k >= runState.completed().size()) {
      return answers.respond(StatusCodes.CONFLICT, new Views.Problem("run " + run.id() + " (" + arm + ", seed " + seed + ") has completed "
          + runState.completed().size() + " of its " + tasks + " tasks; task " + (k < 0 ? 0 : k) + " has no parameters yet", List.of()));
    }
    TaskCompleted done = runState.completed().get(k);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put("experiment", state.experimentId());
    metadata.put("arm", arm);
    metadata.put("seed", Long.toString(seed));
    metadata.put("run", run.id());
    metadata.put("task", Integer.toString(k));
    metadata.put("tasks", Integer.toString(tasks));
    metadata.put("task_label", run.path().step(k).task().label());
    metadata.put("checkpoint_sha256", done.checkpointSha256());
    metadata.put("target_test_loss", Double.toString(done.metrics().targetTestLoss()));
    metadata.put("target_test_accuracy", Double.toString(done.metrics().targetTestAccuracy()));
    CompletionStage<byte[]> file = CompletableFuture.supplyAsync(() -> {
      try {
        return weights.export(plan, done, metadata);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, system.dispatchers().lookup(DispatcherSelector.blocking()));
    boolean module = plan.torchscript() != null;
    String name = state.experimentId() + "-" + run.id() + "-task" + k + (module ? ".pt" : ".safetensors");
    return onComplete(file, result -> result.isSuccess()
        ? complete(HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, result.get()))
            .addHeader(org.apache.pekko.http.javadsl.model.headers.ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
                Map.of("filename", name))))
        : answers.respond(StatusCodes.INTERNAL_SERVER_ERROR, new Views.Problem("could not export the parameters of " + run.id()
            + " task " + k + ": " + cause(result.failed().get()), List.of())));
  }

  private static String cause(Throwable t) {
    Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
  }

  private Route bad(String message) {
    return answers.respond(StatusCodes.BAD_REQUEST, new Views.Problem(message, List.of()));
  }
}
