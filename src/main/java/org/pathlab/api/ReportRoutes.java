package org.pathlab.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.pathlab.report.BaselineHistory;
import org.pathlab.report.Comparison;
import org.pathlab.report.MetricsCsv;
import org.pathlab.report.Report;
import org.pathlab.report.Reporter;
import org.pathlab.report.ReportBuilder;

/**
 * The routes that read experiments' results: a report in every format, the scenario, the tidy
 * metrics, comparisons (against an arm, or with another experiment), a baseline's history, and the
 * report projection's rebuild and progress. docs/api.md lists them.
 */
final class ReportRoutes extends AllDirectives {

  private static final Duration ASK = Duration.ofSeconds(30);

  private final Answers answers;
  private final ActorRef<Reporter.Command> reporter;
  private final ActorSystem<?> system;

  ReportRoutes(Answers answers, ActorRef<Reporter.Command> reporter,
      ActorSystem<?> system) {
    this.answers = answers;
    this.reporter = reporter;
    this.system = system;
  }

  /** {@code GET /api/experiments/ID/events}: its events as the journal holds them; 404 when it has none. */
  Route events(String id) {
    CompletionStage<List<Object>> events =
        AskPattern.askWithStatus(reporter, replyTo -> new Reporter.GetEvents(id, replyTo), ASK, system.scheduler());
    return answers.fromJournal(events, e -> e.isEmpty() ? answers.notFound(id) : answers.ok(Views.events(e)));
  }

  /** {@code POST /api/reports/rebuild}: the projection starts over from the journal's first event. */
  Route rebuild() {
    CompletionStage<Reporter.RebuildStarted> started = AskPattern.ask(reporter, Reporter.Rebuild::new, ASK, system.scheduler());
    return onSuccess(started, r -> r.target() < 0
        ? answers.respond(StatusCodes.INTERNAL_SERVER_ERROR, new Views.Problem("could not start the rebuild; the daemon's log says why", List.of()))
        : answers.respond(StatusCodes.ACCEPTED, new Views.Rebuild(r.target())));
  }

  /** {@code GET /api/reports/progress}: how far the projection has read the journal. */
  Route projectionProgress() {
    CompletionStage<Reporter.Progress> progress = AskPattern.ask(reporter, Reporter.GetProgress::new, ASK, system.scheduler());
    return onSuccess(progress, p -> p.offset() < 0
        ? answers.respond(StatusCodes.SERVICE_UNAVAILABLE, new Views.Problem("the report projection does not answer; the daemon's log says why", List.of()))
        : answers.ok(new Views.ProjectionProgress(p.offset(), p.journalEnd(), p.unwritten())));
  }

  /** Under {@code /api/experiments/ID/}: report, scenario, metrics, compare. */
  Route of(String id) {
    return concat(
        path("scenario", () -> get(() -> answers.fromJournal(answers.state(id), s -> s.<Route>map(x -> complete(x.scenarioText()))
            .orElseGet(() -> answers.notFound(id))))),
        path("compare", () -> get(() -> parameter("against", arm -> parameterOptional("format", f ->
            compareArms(id, arm, f.orElse("json")))))),
        path("metrics", () -> get(() -> parameterOptional("level", level -> metrics(id, level.orElse("epoch"))))),
        path("report", () -> get(() -> parameterOptional("format", format -> report(id, format.orElse("md"))))));
  }

  /**
   * {@code /api/history/baseline?signature=HEX}: the sd of earlier finished runs of a baseline
   * ({@link BaselineHistory}), for {@code validate}'s power; 404 when the journal has none.
   */
  Route baselineHistory() {
    return parameter("signature", signature -> answers.fromJournal(answers.states(), all -> {
      Report.PowerBasis basis = BaselineHistory.of(signature, "", all, null);
      return basis == null ? answers.respond(StatusCodes.NOT_FOUND, new Views.Problem("no finished runs of this baseline in the "
          + "journal", List.of())) : answers.ok(basis);
    }));
  }

  /** {@code /api/compare?a=ID1&b=ID2[&format=md][&margin=0.005]} (margin: add each arm's equivalence test). */
  Route compare() {
    return parameter("a", a -> parameter("b", b -> parameterOptional("format", f -> parameterOptional("margin", m ->
        compare(a, b, f.orElse("json"), m.orElse(null))))));
  }

  private Route report(String id, String format) {
    if (!ReportEntities.FORMATS.contains(format)) {
      return answers.respond(StatusCodes.BAD_REQUEST,
          new Views.Problem("unknown format '" + format + "'; use md, json, csv, svg, curves or grid", List.of()));
    }
    CompletionStage<Optional<Report>> report = answers.state(id).thenCompose(s -> s.isEmpty() || !BaselineHistory.needed(s.get())
        ? CompletableFuture.completedFuture(s.map(ReportBuilder::build))
        // no baseline sd of its own yet: the detectable gaps use the journal's earlier runs of the same baseline
        : answers.states().thenApply(all -> s.map(x -> ReportBuilder.build(x, BaselineHistory.of(
            BaselineHistory.baselineSignature(x.plan()), x.experimentId(), all, x.plan().detectableGap())))));
    return answers.fromJournal(report, r -> r.map(x -> format.equals("json") ? answers.ok(x)
            : ReportEntities.of(x, format).<Route>map(this::complete)
            .orElseGet(() -> answers.respond(StatusCodes.NOT_FOUND, new Views.Problem(
                "experiment " + id + " has no arm on a 2-D path, so no grid; use format svg", List.of()))))
        .orElseGet(() -> answers.notFound(id)));
  }

  /** Every arm against arm {@code arm} ({@link Comparison}); 400 for an unknown arm. */
  private Route compareArms(String id, String arm, String format) {
    return answers.fromJournal(answers.state(id), s -> s.<Route>map(x -> {
      try {
        return comparison(Comparison.againstArm(ReportBuilder.build(x), arm), format);
      } catch (IllegalArgumentException e) {
        return answers.respond(StatusCodes.BAD_REQUEST, new Views.Problem(e.getMessage(), List.of()));
      }
    }).orElseGet(() -> answers.notFound(id)));
  }

  /** Experiment {@code b}'s arms against {@code a}'s of the same name and tasks. */
  private Route compare(String a, String b, String format, String marginText) {
    Double margin;
    try {
      margin = marginText == null ? null : Double.valueOf(marginText);
      if (margin != null && !(margin > 0 && Double.isFinite(margin))) throw new NumberFormatException();
    } catch (NumberFormatException e) {
      return answers.respond(StatusCodes.BAD_REQUEST, new Views.Problem("margin = " + marginText
          + ": use a positive number, a difference in final test loss (e.g. 0.005)", List.of()));
    }
    return answers.fromJournal(answers.state(a).thenCombine(answers.state(b), java.util.Map::entry), both -> both.getKey().isEmpty()
        ? answers.notFound(a) : both.getValue().isEmpty() ? answers.notFound(b)
        : comparison(Comparison.between(ReportBuilder.build(both.getKey().get()), ReportBuilder.build(both.getValue().get()), margin), format));
  }

  private Route comparison(Comparison c, String format) {
    return format.equals("md") ? complete(c.markdown()) : answers.ok(c);
  }

  /** Every task's (or epoch's) numbers as tidy CSV ({@link MetricsCsv}); 400 for a level that is neither. */
  private Route metrics(String id, String level) {
    return MetricsCsv.Level.find(level).map(grain -> answers.fromJournal(answers.state(id), s -> s.<Route>map(x ->
        complete(ReportEntities.csv(MetricsCsv.render(x, grain)))).orElseGet(() -> answers.notFound(id))))
        .orElseGet(() -> answers.respond(StatusCodes.BAD_REQUEST, new Views.Problem("unknown level '" + level + "'; use epoch or task",
            List.of())));
  }
}
