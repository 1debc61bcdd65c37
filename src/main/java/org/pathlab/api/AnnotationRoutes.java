package org.pathlab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentReply;
import org.pathlab.experiment.ExperimentSupervisor;
import org.pathlab.experiment.Experiments;
import org.pathlab.scenario.Tags;

/**
 * What a researcher says of an experiment after submitting it, each recorded as an event of the
 * experiment: {@code POST .../tags} ({@code {"add": [..], "remove": [..]}}), {@code POST .../notes}
 * ({@code {"text": ".."}}), {@code POST .../archive} and {@code POST .../restore}. Each answers
 * with the experiment's tags, notes and archiving after it (docs/api.md).
 */
final class AnnotationRoutes extends AllDirectives {

  private static final Duration ASK = Duration.ofSeconds(30);

  private final Answers answers;
  private final ActorSystem<?> system;
  private final ActorRef<Experiments.Command> experiments;
  private final ObjectMapper json;

  AnnotationRoutes(Answers answers, ActorSystem<?> system, ActorRef<Experiments.Command> experiments, ObjectMapper json) {
    this.answers = answers;
    this.system = system;
    this.experiments = experiments;
    this.json = json;
  }

  /** Under {@code /api/experiments/ID/}. */
  Route of(String id) {
    return concat(
        path("tags", () -> post(() -> body(bytes -> tags(id, bytes)))),
        path("notes", () -> post(() -> body(bytes -> note(id, bytes)))),
        path("archive", () -> post(() -> record(id, new ExperimentEvent.ArchiveChanged(true, System.currentTimeMillis())))),
        path("restore", () -> post(() -> record(id, new ExperimentEvent.ArchiveChanged(false, System.currentTimeMillis())))));
  }

  private Route body(java.util.function.Function<byte[], Route> inner) {
    return entity(Unmarshaller.entityToByteArray(), inner);
  }

  private Route tags(String id, byte[] bytes) {
    List<String> problems = new ArrayList<>();
    JsonNode body = object(bytes, "{\"add\": [\"lr-sweep\"], \"remove\": [\"draft\"]}", problems);
    List<String> add = body == null ? List.of() : strings(body, "add", problems);
    List<String> remove = body == null ? List.of() : strings(body, "remove", problems);
    if (body != null) body.fieldNames().forEachRemaining(f -> {
      if (!f.equals("add") && !f.equals("remove")) problems.add(f + ": unknown field; a tag change has add and remove");
    });
    for (String tag : add) if (Tags.problem(tag) != null) problems.add("add: '" + tag + "' is not a tag; " + Tags.problem(tag));
    for (String tag : remove) if (Tags.problem(tag) != null) problems.add("remove: '" + tag + "' is not a tag; " + Tags.problem(tag));
    if (problems.isEmpty() && add.isEmpty() && remove.isEmpty()) problems.add("add, remove: name at least one tag to add or remove");
    return problems.isEmpty() ? record(id, new ExperimentEvent.TagsChanged(add, remove, System.currentTimeMillis())) : invalid(problems);
  }

  private Route note(String id, byte[] bytes) {
    List<String> problems = new ArrayList<>();
    JsonNode body = object(bytes, "{\"text\": \"the second task at twice the rate\"}", problems);
    JsonNode text = body == null ? null : body.get("text");
    if (body != null && (text == null || !text.isTextual())) problems.add("text: a note is {\"text\": \"...\"}");
    else if (text != null && Tags.noteProblem(text.asText()) != null) problems.add("text: " + Tags.noteProblem(text.asText()));
    return problems.isEmpty() ? record(id, new ExperimentEvent.NoteAdded(text.asText(), System.currentTimeMillis())) : invalid(problems);
  }

  private Route record(String id, ExperimentEvent.Annotation event) {
    CompletionStage<ExperimentReply> reply =
        AskPattern.ask(experiments, replyTo -> new Experiments.To(id, new ExperimentSupervisor.Annotate(event, replyTo)), ASK, system.scheduler());
    return onSuccess(reply, r -> r instanceof ExperimentReply.Annotated a
        ? annotated(a)
        : answers.refused((ExperimentReply.Refused) r, id));
  }

  /** The body as a JSON object, or null with a problem saying what was expected. */
  private JsonNode object(byte[] bytes, String example, List<String> problems) {
    try {
      JsonNode node = json.readTree(bytes);
      if (node != null && node.isObject()) return node;
    } catch (IOException e) {
      // said below
    }
    problems.add("the body is not a JSON object; send e.g. " + example);
    return null;
  }

  private static List<String> strings(JsonNode body, String field, List<String> problems) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) return List.of();
    List<String> out = new ArrayList<>();
    if (node.isArray()) node.forEach(v -> out.add(v.isTextual() ? v.asText() : null));
    if (!node.isArray() || out.contains(null)) {
      problems.add(field + ": a list of tags, e.g. [\"lr-sweep\"]");
      return List.of();
    }
    return out;
  }

  private Route invalid(List<String> problems) {
    return answers.respond(StatusCodes.BAD_REQUEST, new Views.Problem("nothing was recorded", problems));
  }

  private Route annotated(ExperimentReply.Annotated a) {
    answers.recorded(a.experimentId(), a.sequenceNr());
    return answers.ok(Views.annotations(a.experimentId(), a.annotations()));
  }
}
