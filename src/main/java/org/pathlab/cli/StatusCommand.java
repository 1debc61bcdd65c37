package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = "List experiments, or show one experiment's runs.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "an experiment or search id (default: all experiments)")
  String id;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Option(names = "--tag", paramLabel = "TAG", description = "only experiments whose scenario has this tag")
  String tag;

  @Option(names = "--since", paramLabel = "DATE", description = "only experiments submitted on or after DATE (2026-11-30, or 2026-11-30T18:00:00Z; UTC)")
  String since;

  @Option(names = "--archived", description = "list the archived experiments instead of the others")
  boolean archived;

  @Override
  public Integer call() {
    if (id != null) ExperimentIds.require(id);
    DaemonClient daemon = client.client();
    if (id == null) {
      StringBuilder query = new StringBuilder();
      if (tag != null) query.append("tag=").append(java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8));
      if (since != null) query.append(query.length() > 0 ? "&" : "").append("since=")
          .append(java.net.URLEncoder.encode(since, java.nio.charset.StandardCharsets.UTF_8));
      if (archived) query.append(query.length() > 0 ? "&" : "").append("archived=true");
      JsonNode list = DaemonClient.check(daemon.get("/api/experiments" + (query.length() > 0 ? "?" + query : ""))).json();
      if (json) {
        parent.out.println(list.toString());
        return ExitCodes.OK;
      }
      parent.out.printf("%-22s %-20s %-10s %-9s %s%n", "ID", "SCENARIO", "STATUS", "TASKS", "TAGS");
      for (JsonNode e : list) {
        java.util.List<String> tags = new java.util.ArrayList<>();
        e.path("tags").forEach(t -> tags.add(t.asText()));
        parent.out.printf("%-22s %-20s %-10s %-9s %s%n", Terminal.line(e.path("id").asText()), Terminal.line(e.path("scenario").asText()),
            Terminal.line(e.path("status").asText()), e.path("tasksCompleted").asInt() + "/" + e.path("tasksTotal").asInt(),
            Terminal.line(String.join(" ", tags)));
      }
      if (list.isEmpty()) {
        parent.out.println(archived ? "(no archived experiments)" : tag != null || since != null ? "(no experiment matches)"
            : "(no experiments yet; `pathlab submit FILE` starts one)");
      }
      return ExitCodes.OK;
    }
    if (ExperimentIds.isSearch(id)) {
      SearchView.status(daemon, id, parent, json);
      return ExitCodes.OK;
    }
    JsonNode detail = DaemonClient.check(daemon.get("/api/experiments/" + id)).json();
    if (json) {
      parent.out.println(detail.toString());
      return ExitCodes.OK;
    }
    JsonNode s = detail.path("summary");
    parent.out.printf("%s — %s · %s%s · %d/%d tasks%n", Terminal.line(s.path("id").asText()), Terminal.line(s.path("scenario").asText()),
        Terminal.line(s.path("status").asText()), s.path("archived").asBoolean() ? " (archived)" : "", s.path("tasksCompleted").asInt(),
        s.path("tasksTotal").asInt());
    java.util.List<String> tags = new java.util.ArrayList<>();
    s.path("tags").forEach(t -> tags.add(t.asText()));
    if (!tags.isEmpty()) parent.out.println("tags: " + Terminal.line(String.join(" ", tags)));
    for (JsonNode note : s.path("notes")) {
      parent.out.println("note " + java.time.Instant.ofEpochMilli(note.path("atMillis").asLong()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
          + ": " + Terminal.line(note.path("text").asText()));
    }
    for (JsonNode run : detail.path("runs")) parent.out.println(Terminal.line(SubmitCommand.progressLine(run)));
    return ExitCodes.OK;
  }
}
