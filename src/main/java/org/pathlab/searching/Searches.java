package org.pathlab.searching;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.pathlab.experiment.ExperimentReply;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.SearchSpec;
import org.pathlab.search.SearchState;

/**
 * Owns one {@link SearchSupervisor} per search, each a child named by the search's id ({@code
 * search-yyyyMMdd-HHmmss-xxxx}): names new searches, and at start brings back every search the
 * journal knows, so that unfinished ones resume (their evaluations are ordinary experiments, which
 * {@link org.pathlab.experiment.Experiments} resumes). Searches run on the node they were submitted
 * to, also in a cluster; their experiments are placed like any other.
 */
public final class Searches {

  public sealed interface Command {}

  public record New(Plan plan, SearchSpec spec, String scenarioText, ActorRef<ExperimentReply> replyTo) implements Command {}

  /** The search's state; empty for an unknown id. */
  public record Get(String searchId, ActorRef<Optional<SearchState>> replyTo) implements Command {}

  /** Every search's state, newest first. */
  public record ListAll(ActorRef<List<SearchState>> replyTo) implements Command {}

  public record Cancel(String searchId, String reason, ActorRef<ExperimentReply> replyTo) implements Command {}

  private record Recover(List<String> searchIds, Throwable failure) implements Command {}

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final Duration ASK = Duration.ofSeconds(10);

  private Searches() {}

  /** Whether {@code id} has the shape of a search's id. */
  public static boolean isSearchId(String id) {
    return id != null && id.matches("search-\\d{8}-\\d{6}-[0-9a-f]{4}");
  }

  /** {@code known}: the ids of the searches already in the journal. */
  public static Behavior<Command> create(SearchSupervisor.Wiring wiring, CompletionStage<List<String>> known) {
    return Behaviors.withStash(10_000, stash -> Behaviors.setup(context -> {
      context.pipeToSelf(known, Recover::new);
      return Behaviors.receive(Command.class)
          .onMessage(Recover.class, r -> {
            if (r.failure() != null) context.getLog().error("could not list the journal's searches; none will resume", r.failure());
            else r.searchIds().forEach(id -> child(context, wiring, id));
            if (r.failure() == null) context.getLog().info("{} searches in the journal", r.searchIds().size());
            return stash.unstashAll(running(context, wiring));
          })
          .onAnyMessage(c -> {
            if (!stash.isFull()) stash.stash(c);
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static Behavior<Command> running(ActorContext<Command> context, SearchSupervisor.Wiring wiring) {
    return Behaviors.receive(Command.class)
        .onMessage(New.class, n -> {
          String id;
          do {
            id = "search-" + LocalDateTime.now().format(ID_TIME) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
          } while (context.getChild(id).isPresent());
          child(context, wiring, id).tell(new SearchSupervisor.Submit(n.plan(), n.spec(), n.scenarioText(), n.replyTo()));
          return Behaviors.same();
        })
        .onMessage(Get.class, g -> {
          Optional<ActorRef<SearchSupervisor.Command>> child = find(context, g.searchId());
          if (child.isEmpty()) {
            g.replyTo().tell(Optional.empty());
          } else {
            AskPattern.<SearchSupervisor.Command, SearchState>ask(child.get(), SearchSupervisor.GetState::new, ASK, context.getSystem().scheduler())
                .whenComplete((s, failure) -> g.replyTo().tell(Optional.ofNullable(s).filter(x -> x.status() != SearchState.Status.EMPTY)));
          }
          return Behaviors.same();
        })
        .onMessage(ListAll.class, l -> {
          List<CompletableFuture<SearchState>> states = new ArrayList<>();
          for (var child : context.getChildren()) {
            @SuppressWarnings("unchecked")
            ActorRef<SearchSupervisor.Command> c = (ActorRef<SearchSupervisor.Command>) (ActorRef<?>) child;
            states.add(AskPattern.<SearchSupervisor.Command, SearchState>ask(c, SearchSupervisor.GetState::new, ASK,
                context.getSystem().scheduler()).toCompletableFuture().exceptionally(e -> null));
          }
          CompletableFuture.allOf(states.toArray(CompletableFuture[]::new)).thenRun(() -> l.replyTo().tell(states.stream()
              .map(CompletableFuture::join).filter(s -> s != null && s.status() != SearchState.Status.EMPTY)
              .sorted(Comparator.comparing(SearchState::searchId).reversed()).toList()));
          return Behaviors.same();
        })
        .onMessage(Cancel.class, c -> {
          find(context, c.searchId()).ifPresentOrElse(s -> s.tell(new SearchSupervisor.Cancel(c.reason(), c.replyTo())),
              () -> c.replyTo().tell(ExperimentReply.refused(ExperimentReply.Refusal.NOT_FOUND, "no search '" + c.searchId() + "'")));
          return Behaviors.same();
        })
        .build();
  }

  private static ActorRef<SearchSupervisor.Command> child(ActorContext<Command> context, SearchSupervisor.Wiring wiring, String id) {
    return find(context, id).orElseGet(() -> context.spawn(SearchSupervisor.create(id, wiring), id));
  }

  @SuppressWarnings("unchecked")
  private static Optional<ActorRef<SearchSupervisor.Command>> find(ActorContext<Command> context, String id) {
    if (!isSearchId(id)) return Optional.empty();
    return context.getChild(id).map(c -> (ActorRef<SearchSupervisor.Command>) (ActorRef<?>) c);
  }
}
