package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** What the commands show of a search (ids {@code search-…}): its status and leaderboard, its report, its progress until it ends. */
final class SearchView {

  private static final List<String> FORMATS = List.of("md", "json", "csv", "svg");

  private SearchView() {}

  static String path(String id) {
    return "/api/searches/" + id;
  }

  /** The search's one-sentence summary, its budget, and each rung's five best paths (search-phase numbers). */
  static void status(DaemonClient daemon, String id, PathlabCommand parent, boolean json) {
    JsonNode r = DaemonClient.check(daemon.get(path(id))).json();
    if (json) {
      parent.out.println(r.toString());
      return;
    }
    print(r, parent);
  }

  private static void print(JsonNode r, PathlabCommand parent) {
    parent.out.printf(Locale.ROOT, "%s — %s · %s · %d evaluations · %,d of %,d task-epochs%n", Terminal.line(r.path("searchId").asText()),
        Terminal.line(r.path("scenario").asText()), r.path("status").asText(), r.path("evaluations").size(), r.path("spent").asLong(),
        r.path("budget").asLong());
    parent.out.println(Terminal.line(r.path("summary").asText()));
    for (JsonNode rung : r.path("rungs")) {
      if (rung.path("entries").isEmpty()) continue;
      parent.out.printf("rung %d (%d seeds, %d paths; search-phase scores, not results):%n", rung.path("rung").asInt(),
          rung.path("seeds").asInt(), rung.path("entries").size());
      int shown = 0;
      for (JsonNode e : rung.path("entries")) {
        if (shown++ == 5) break;
        double score = e.path("score").asDouble();
        parent.out.printf(Locale.ROOT, "  %2d. %s  %s%n", e.path("rank").asInt(), score >= 1e9 ? " failed" : String.format(Locale.ROOT,
            "%+.4f", score), Terminal.line(e.path("path").asText()));
      }
    }
    parent.out.flush();
  }

  static void report(DaemonClient daemon, String id, String format, PathlabCommand parent) {
    if (!FORMATS.contains(format)) throw new CliException(ExitCodes.USAGE, "unknown format '" + format + "' for a search; use md, json, csv or svg");
    parent.out.println(DaemonClient.check(daemon.get(path(id) + "/report?format=" + format)).body());
  }

  /** Polls the search every {@code seconds} and shows it when it changed, until it has ended; 0 when it finished, 1 otherwise. */
  static int follow(DaemonClient daemon, String id, PathlabCommand parent, boolean json, double seconds) throws InterruptedException {
    String shown = null;
    while (true) {
      JsonNode r = DaemonClient.check(daemon.get(path(id))).json();
      String now = r.path("status").asText() + r.path("evaluations").toString() + r.path("confirmation").toString();
      if (!now.equals(shown)) {
        if (json) parent.out.println(r.toString());
        else print(r, parent);
        parent.out.flush();
        shown = now;
      }
      String status = r.path("status").asText();
      if (status.equals("finished") || status.equals("cancelled")) return status.equals("finished") ? ExitCodes.OK : 1;
      Thread.sleep((long) (seconds * 1000));
    }
  }
}
