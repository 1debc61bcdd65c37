package org.pathlab.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.ExperimentReply;
import org.pathlab.experiment.ExperimentSupervisor;
import org.pathlab.experiment.Experiments;
import org.pathlab.experiment.Placement;
import org.pathlab.experiment.Devices;
import org.pathlab.experiment.LiveProgress;
import org.pathlab.report.ReadSide;
import org.pathlab.report.Reporter;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.Scenario;
import org.pathlab.scenario.ScenarioException;
import org.pathlab.scenario.Admission;
import org.pathlab.scenario.ScenarioText;
import org.pathlab.searching.Searches;
import org.pathlab.storage.StorageHealth;
import org.pathlab.storage.StorageMonitor;

/** The daemon's HTTP/JSON interface, used by the CLI; routes are listed in docs/api.md. */
public final class HttpApi extends AllDirectives implements Answers {

  /** The bound server; the port is the real one when 0 was asked for. */
  public record Binding(ServerBinding server) {
    public int port() { return server.localAddress().getPort(); }
  }

  private static final Duration ASK = Duration.ofSeconds(30);

  private final ActorSystem<?> system;
  private final ActorRef<Experiments.Command> experiments;
  private final ActorRef<ReadSide.Command> readSide;
  private final LiveProgress progress;
  private final Devices devices;
  private final ActorRef<StorageMonitor.Command> storage;
  private final Guards guards;
  private final Watches watches;
  private final Admission admission;
  private final ReportRoutes reports;
  private final ObjectMapper json = new ObjectMapper();
  private final AnnotationRoutes annotations;
  private final WeightsRoutes weights;
  private final SearchRoutes searches;

  private HttpApi(ActorSystem<?> system, String token, ActorRef<Experiments.Command> experiments, ActorRef<Searches.Command> searches,
      ActorRef<Reporter.Command> reporter, ActorRef<ReadSide.Command> readSide, LiveProgress progress, Devices devices, ActorRef<StorageMonitor.Command> storage, OriginPolicy origins,
      Admission admission, WeightsOut weightsOut) {
    this.system = system;
    this.weights = new WeightsRoutes(this, system, weightsOut);
    this.admission = admission;
    this.devices = devices;
    this.storage = storage;
    this.guards = new Guards(origins, token, json);
    this.watches = new Watches(readSide, progress, json);
    this.experiments = experiments;
    this.reports = new ReportRoutes(this, reporter, system);
    this.readSide = readSide;
    this.progress = progress;
    this.annotations = new AnnotationRoutes(this, system, experiments, json);
    this.searches = new SearchRoutes(this, system, searches);
  }

  /** {@code token}: the bearer token every request but GET /api/health must carry; null: none required. */
  public static CompletionStage<Binding> start(ActorSystem<?> system, String host, int port, String token,
      ActorRef<Experiments.Command> experiments, ActorRef<Searches.Command> searches, ActorRef<Reporter.Command> reporter,
      ActorRef<ReadSide.Command> readSide, LiveProgress progress, Devices devices, ActorRef<StorageMonitor.Command> storage,
      List<String> allowedHosts, Admission admission, WeightsOut weightsOut) {
    HttpApi api = new HttpApi(system, token, experiments, searches, reporter, readSide, progress, devices, storage, new OriginPolicy(host, allowedHosts),
        admission, weightsOut);
    return Http.get(system)
        .newServerAt(host, port)
        .bindFlow(HeaderTimeout.around(api.routes().flow(system), system.settings().config().getDuration("pathlab.http.header-timeout")))
        .thenApply(binding -> {
          binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system);
          system.log().info("pathlab serves http://{}:{}/api", host, binding.localAddress().getPort());
          return new Binding(binding);
        });
  }

  Route routes() {
    return handleRejections(JsonErrors.rejections(), () -> handleExceptions(errors(), () -> guards.sameOrigin(() -> concat(
        guards.dashboard(),
        pathPrefix("api", () -> concat(
            path("health", () -> get(this::health)),
            guards.authorized(() -> concat(
            path("devices", () -> get(() -> ok(devices.list()))),
            // where the work is, seen from this node: the experiments it supervises, what every trainer trains
            path("cluster", () -> get(() -> onSuccess(AskPattern.<Experiments.Command, Optional<Placement>>ask(experiments,
                Experiments.GetPlacement::new, ASK, system.scheduler()), p -> p.isPresent() ? ok(p.get()) : respond(
                StatusCodes.SERVICE_UNAVAILABLE, new Views.Problem("the cluster did not answer in time; try again", List.of()))))),
            path("compare", () -> get(reports::compare)),
            searches.routes(),
            path(PathMatchers.segment("history").slash("baseline"), () -> get(reports::baselineHistory)),
            pathPrefix("reports", () -> concat(
                path("rebuild", () -> post(reports::rebuild)),
                path("progress", () -> get(reports::projectionProgress)))),
            pathPrefix("experiments", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                    post(() -> parameterOptional("name", name -> entity(
                        org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller.entityToByteArray(),
                        bytes -> submit(bytes, Views.scenarioName(name))))),
                    get(() -> parameterOptional("tag", tag -> parameterOptional("since", since ->
                        parameterOptional("archived", archived -> list(tag, since, archived))))))),
                pathPrefix(PathMatchers.segment(), id -> concat(
                    pathEndOrSingleSlash(() -> get(() -> detail(id))),
                    path("cancel", () -> post(() -> cancel(id))),
                    path("events", () -> get(() -> reports.events(id))),
                    path("watch", () -> get(() -> watch(id))),
                    annotations.of(id),
                    weights.of(id),
                    reports.of(id)))))))))))));
  }

  /** Watching one experiment ({@link Watches}); 404 for an unknown id. */
  private Route watch(String id) {
    return fromJournal(state(id), s -> s.isPresent() ? watches.stream(id) : notFound(id));
  }

  /**
   * The experiment's state from the read side, once that holds every event a command answered
   * through this daemon recorded; empty for an unknown id.
   */
  @Override
  public CompletionStage<Optional<ExperimentState>> state(String id) {
    return AskPattern.askWithStatus(readSide, replyTo -> new ReadSide.Get(id, replyTo), ASK, system.scheduler());
  }

  @Override
  public void recorded(String id, long sequenceNr) {
    readSide.tell(new ReadSide.Recorded(id, sequenceNr));
  }

  record Health(String status) {}

  /** The monitor answers from memory; this long without an answer means the daemon itself is in trouble. */
  private static final Duration HEALTH_ASK = Duration.ofSeconds(5);

  /** 200 when the journal and the data directory can be written; 503 with each problem otherwise. */
  private Route health() {
    // health needs no token; where one is required, only its holders see the fault's detail (paths of the data directory)
    return optionalHeaderValueByName("Authorization", header -> onSuccess(storageHealth(), h -> h.ok()
        ? ok(new Health("ok"))
        : guards.tokenHolder(header)
            ? respond(StatusCodes.SERVICE_UNAVAILABLE, new Views.Problem("the daemon cannot write its storage: " + h.summary(), h.problems()))
            : respond(StatusCodes.SERVICE_UNAVAILABLE, new Views.Problem("the daemon cannot write its storage; send the API token to"
                + " see why, or read the daemon's log", List.of()))));
  }

  private CompletionStage<StorageHealth> storageHealth() {
    return AskPattern.<StorageMonitor.Command, StorageHealth>ask(storage, StorageMonitor.GetHealth::new, HEALTH_ASK, system.scheduler())
        .exceptionally(e -> new StorageHealth(List.of("the storage monitor did not answer within " + HEALTH_ASK.toSeconds()
            + " s; the daemon's log says why"), System.currentTimeMillis()));
  }

  private Route submit(byte[] bytes, String name) {
    Scenario scenario;
    String text;
    try {
      text = ScenarioText.decode(bytes, name);
      scenario = admission.parse(text, name);
    } catch (ScenarioException e) {
      return invalid(e.problems());
    }
    // a module the scenario names is loaded and tried once, off the HTTP threads
    CompletionStage<List<String>> inspected = admission.needsInspection(scenario)
        ? CompletableFuture.supplyAsync(() -> admission.check(scenario), system.dispatchers().lookup(DispatcherSelector.blocking()))
        : CompletableFuture.completedFuture(List.of());
    Plan plan = admission.plan(scenario);
    // a journal that cannot be written would leave the request hanging: say so at once instead
    return onSuccess(inspected, problems -> !problems.isEmpty() ? invalid(problems) : onSuccess(storageHealth(), health -> health.ok()
        ? (scenario.search() != null ? searches.submit(plan, scenario.search(), text) : record(plan, text))
        : respond(StatusCodes.SERVICE_UNAVAILABLE, new Views.Problem("nothing was submitted: the daemon cannot write its storage ("
            + health.summary() + "); submit again once GET /api/health answers 200", health.problems()))));
  }

  private Route invalid(List<String> problems) {
    return respond(StatusCodes.BAD_REQUEST, new Views.Problem("the scenario is invalid; nothing was submitted", problems));
  }

  private Route record(Plan plan, String text) {
    CompletionStage<ExperimentReply> reply =
        AskPattern.ask(experiments, replyTo -> new Experiments.New(new ExperimentSupervisor.Submit(plan, text, replyTo)), ASK, system.scheduler());
    return onSuccess(reply, r -> r instanceof ExperimentReply.Accepted a
        ? accepted(a, StatusCodes.CREATED, new Views.Submitted(a.experimentId(), plan.runs().size(), plan.totalTasks()))
        : refused((ExperimentReply.Refused) r, null));
  }

  private Route cancel(String id) {
    CompletionStage<ExperimentReply> reply = AskPattern.ask(experiments,
        replyTo -> new Experiments.To(id, new ExperimentSupervisor.Cancel("cancelled by a user", replyTo)), ASK, system.scheduler());
    return onSuccess(reply, r -> r instanceof ExperimentReply.Accepted a
        ? accepted(a, StatusCodes.OK, new Views.Cancelled(a.experimentId()))
        : refused((ExperimentReply.Refused) r, id));
  }

  /** What a command recorded: the read side answers reads of the experiment once it has it too. */
  private Route accepted(ExperimentReply.Accepted a, StatusCode status, Object body) {
    recorded(a.experimentId(), a.sequenceNr());
    return respond(status, body);
  }

  /** A refused command, answered with the status code its reason calls for. */
  @Override
  public Route refused(ExperimentReply.Refused r, String id) {
    return switch (r.refusal()) {
      case NOT_FOUND -> notFound(id);
      case NOT_RECORDED -> respond(StatusCodes.SERVICE_UNAVAILABLE, new Views.Problem(r.message(), List.of()));
      case CONFLICT -> respond(StatusCodes.CONFLICT, new Views.Problem(r.message(), List.of()));
    };
  }

  /**
   * The experiments not archived (with {@code archived=true}: only the archived ones), or of those
   * the ones with {@code tag} and submitted on or after {@code since} (an ISO date or date-time, UTC).
   */
  private Route list(Optional<String> tag, Optional<String> since, Optional<String> archived) {
    Views.Filter filter;
    try {
      filter = Views.Filter.of(tag, since, archived);
    } catch (IllegalArgumentException e) {
      return respond(StatusCodes.BAD_REQUEST, new Views.Problem(e.getMessage(), List.of()));
    }
    return fromJournal(states(), s -> ok(s.stream().filter(filter::admits).map(Views::summary).toList()));
  }

  @Override
  public CompletionStage<List<ExperimentState>> states() {
    return AskPattern.askWithStatus(readSide, ReadSide.ListAll::new, ASK, system.scheduler());
  }

  private Route detail(String id) {
    return fromJournal(state(id), s -> s.map(x -> ok(Views.detail(x, progress))).orElseGet(() -> notFound(id)));
  }

  /**
   * The answer built from what the journal said, or 503 when it could not be read (a storage fault:
   * an empty answer would read as "nothing there", which is false).
   */
  @Override
  public <T> Route fromJournal(CompletionStage<T> answer, java.util.function.Function<T, Route> inner) {
    return onSuccess(answer.handle((value, failure) -> failure == null ? inner.apply(value) : unreadable(failure)), route -> route);
  }

  private Route unreadable(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    String why = cause instanceof StatusReply.ErrorMessage e ? e.getMessage()
        : "the daemon's read side did not answer within " + ASK.toSeconds() + " s; GET /api/health and the daemon's log say why";
    return respond(StatusCodes.SERVICE_UNAVAILABLE, new Views.Problem(why, List.of()));
  }

  @Override
  public Route notFound(String id) {
    return respond(StatusCodes.NOT_FOUND,
        new Views.Problem("no experiment '" + id + "'; `pathlab status` lists the experiments", List.of()));
  }

  @Override
  public Route ok(Object body) {
    return respond(StatusCodes.OK, body);
  }

  @Override
  public Route respond(StatusCode status, Object body) {
    return complete(status, body, Jackson.marshaller(json));
  }

  private ExceptionHandler errors() {
    return ExceptionHandler.newBuilder()
        .match(org.apache.pekko.http.scaladsl.model.EntityStreamSizeException.class, e -> respond(StatusCodes.PAYLOAD_TOO_LARGE,
            new Views.Problem("the request body is larger than the daemon accepts (pekko.http.server.parsing.max-content-length);"
                + " a scenario is a few kilobytes", List.of())))
        .matchAny(e -> {
          system.log().error("request failed", e);
          return respond(StatusCodes.INTERNAL_SERVER_ERROR, new Views.Problem("the daemon failed on this request ("
              + e.getClass().getSimpleName() + "); its log says more", List.of()));
        })
        .build();
  }
}
