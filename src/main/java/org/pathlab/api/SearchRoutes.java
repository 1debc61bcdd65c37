package org.pathlab.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.pathlab.experiment.ExperimentReply;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.SearchSpec;
import org.pathlab.search.Evaluations;
import org.pathlab.search.RungFigure;
import org.pathlab.search.SearchFiles;
import org.pathlab.search.SearchMarkdown;
import org.pathlab.search.SearchReport;
import org.pathlab.search.SearchState;
import org.pathlab.searching.Searches;

/**
 * Searches over the API (docs/api.md): submitted like experiments (a scenario with a {@code
 * search} block), listed and read at {@code /api/searches}, with the report in every format, the
 * winner as an ordinary scenario, and cancel. A search's report is built on each read from its
 * decisions (its supervisor's state) and its confirmation experiment's (the read side's).
 */
final class SearchRoutes extends AllDirectives {

  private static final Duration ASK = Duration.ofSeconds(30);

  private final Answers answers;
  private final ActorSystem<?> system;
  private final ActorRef<Searches.Command> searches;

  SearchRoutes(Answers answers, ActorSystem<?> system, ActorRef<Searches.Command> searches) {
    this.answers = answers;
    this.system = system;
    this.searches = searches;
  }

  /** The search a scenario with a {@code search} block asks for; 201 with its id. */
  Route submit(Plan plan, SearchSpec spec, String text) {
    CompletionStage<ExperimentReply> reply = AskPattern.ask(searches, replyTo -> new Searches.New(plan, spec, text, replyTo), ASK,
        system.scheduler());
    return onSuccess(reply, r -> r instanceof ExperimentReply.Accepted a
        ? answers.respond(StatusCodes.CREATED, new Views.Submitted(a.experimentId(), 0, 0))
        : answers.refused((ExperimentReply.Refused) r, null));
  }

  Route routes() {
    return pathPrefix("searches", () -> concat(
        pathEndOrSingleSlash(() -> get(() -> onSuccess(list(), l -> answers.ok(l)))),
        pathPrefix(PathMatchers.segment(), id -> concat(
            pathEndOrSingleSlash(() -> get(() -> report(id, r -> answers.ok(r)))),
            path("report", () -> get(() -> parameterOptional("format", format -> report(id, r -> formatted(r, format.orElse("md")))))),
            path("winner", () -> get(() -> winner(id))),
            path("cancel", () -> post(() -> cancel(id)))))));
  }

  record Listed(String id, String scenario, String status, int candidates, int evaluations, long spent, long budget, String summary) {}

  private CompletionStage<List<Listed>> list() {
    return AskPattern.<Searches.Command, List<SearchState>>ask(searches, Searches.ListAll::new, ASK, system.scheduler())
        .thenCompose(states -> {
          List<CompletableFuture<Listed>> listed = states.stream().map(s -> build(s).thenApply(r -> new Listed(s.searchId(),
              s.plan().scenarioName(), r.status(), r.candidates(), r.evaluations().size(), r.spent(), r.budget(), r.summary()))
              .toCompletableFuture()).toList();
          return CompletableFuture.allOf(listed.toArray(CompletableFuture[]::new))
              .thenApply(x -> listed.stream().map(CompletableFuture::join).toList());
        });
  }

  /** The search's report, with its confirmation experiment's state from the read side (once the read side has its last event). */
  private CompletionStage<SearchReport> build(SearchState s) {
    if (s.confirmation() == null) return CompletableFuture.completedFuture(SearchReport.build(s, null));
    String confirmationId = s.confirmation().experimentId();
    // the search saw the confirmation end: the report waits for the read side to have seen it too
    if (s.confirmationEvents() > 0) answers.recorded(confirmationId, s.confirmationEvents());
    return answers.state(confirmationId).thenApply(c -> SearchReport.build(s, c.orElse(null)));
  }

  private CompletionStage<Optional<SearchState>> state(String id) {
    return AskPattern.ask(searches, replyTo -> new Searches.Get(id, replyTo), ASK, system.scheduler());
  }

  private Route report(String id, java.util.function.Function<SearchReport, Route> inner) {
    CompletionStage<Optional<SearchReport>> report = state(id).thenCompose(s -> s.isEmpty()
        ? CompletableFuture.completedFuture(Optional.<SearchReport>empty()) : build(s.get()).thenApply(Optional::of));
    return answers.fromJournal(report, r -> r.map(inner).orElseGet(() -> notFound(id)));
  }

  private Route formatted(SearchReport r, String format) {
    return switch (format) {
      case "md" -> text(SearchMarkdown.render(r), ContentTypes.create(MediaTypes.TEXT_MARKDOWN, org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8));
      case "json" -> text(SearchFiles.json(r), ContentTypes.APPLICATION_JSON);
      case "csv" -> text(SearchMarkdown.csv(r), ContentTypes.TEXT_CSV_UTF8);
      case "svg" -> text(RungFigure.render(r), ContentTypes.create(MediaTypes.IMAGE_SVG_XML));
      default -> answers.respond(StatusCodes.BAD_REQUEST, new Views.Problem("unknown format '" + format + "'; use md, json, csv or svg",
          List.of()));
    };
  }

  private Route text(String body, org.apache.pekko.http.javadsl.model.ContentType type) {
    return complete(HttpResponse.create().withStatus(StatusCodes.OK).withEntity(HttpEntities.create(type, body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  /** The winner (the confirmation's first path) as an ordinary scenario: the baseline, the references and it, on the confirmation seeds. */
  private Route winner(String id) {
    return onSuccess(state(id), s -> {
      if (s.isEmpty()) return notFound(id);
      if (s.get().confirmation() == null) {
        return answers.respond(StatusCodes.CONFLICT, new Views.Problem("search " + id + " has not selected a winner yet ("
            + s.get().status().name().toLowerCase() + ")", List.of()));
      }
      int winner = s.get().confirmation().top().get(0);
      return text(Evaluations.confirmation(s.get(), List.of(winner), List.of("the winner of search " + id + ": '"
          + s.get().candidate(winner).arm().name() + "', with the baseline and the references, on the confirmation's seeds")),
          ContentTypes.TEXT_PLAIN_UTF8);
    });
  }

  private Route cancel(String id) {
    CompletionStage<ExperimentReply> reply = AskPattern.ask(searches, replyTo -> new Searches.Cancel(id, "cancelled by a user", replyTo),
        ASK, system.scheduler());
    return onSuccess(reply, r -> r instanceof ExperimentReply.Accepted a ? answers.ok(new Views.Cancelled(a.experimentId()))
        : r instanceof ExperimentReply.Refused f && f.refusal() == ExperimentReply.Refusal.NOT_FOUND ? notFound(id)
        : answers.refused((ExperimentReply.Refused) r, id));
  }

  private Route notFound(String id) {
    return answers.respond(StatusCodes.NOT_FOUND, new Views.Problem("no search '" + id + "'; GET /api/searches lists them", List.of()));
  }
}
