package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live progress of one experiment: a header (status, tasks done, elapsed time, ETA) and a line
 * per run (a bar of its tasks, its status, the epoch and losses of the task in training). On a
 * terminal the block is redrawn in place; otherwise (a pipe, a file, a test) a line is printed
 * whenever it changes.
 */
final class ProgressView {

  private final PrintWriter out;
  private final boolean terminal;
  private final Map<String, String> shown = new HashMap<>();
  private int drawn;

  ProgressView(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** True when standard output is an interactive terminal that understands cursor movement. */
  static boolean isTerminal() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !term.equals("dumb");
  }

  void show(JsonNode detail, long nowMillis) {
    List<String> keys = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    keys.add("");
    lines.add(Terminal.line(header(detail.path("summary"), nowMillis)));
    for (JsonNode run : detail.path("runs")) {
      keys.add(run.path("id").asText());
      lines.add(Terminal.line(runLine(run)));
    }
    if (terminal) {
      StringBuilder block = new StringBuilder();
      if (drawn > 0) block.append("\033[").append(drawn).append('F'); // back to the block's first line
      for (String line : lines) block.append("\033[2K").append(line).append('\n');
      out.print(block);
      drawn = lines.size();
    } else {
      for (int i = 0; i < lines.size(); i++) {
        // the header's elapsed time changes every second: print it when the task count or status does
        String key = keys.get(i);
        String compare = i == 0 ? lines.get(i).replaceAll(" · [^·]*elapsed.*$", "") : lines.get(i);
        if (!compare.equals(shown.put(key, compare))) out.println(lines.get(i));
      }
    }
    out.flush();
  }

  static String header(JsonNode s, long nowMillis) {
    int done = s.path("tasksCompleted").asInt();
    int total = s.path("tasksTotal").asInt();
    long start = s.path("submittedAtMillis").asLong();
    String status = s.path("status").asText();
    boolean running = status.equals("running");
    long end = running ? nowMillis : Math.max(start, s.path("finishedAtMillis").asLong());
    long elapsed = Math.max(0, end - start);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s · %s · %d/%d tasks · %s elapsed",
        s.path("scenario").asText(), status, done, total, duration(elapsed)));
    if (running) {
      // the tasks so far set the pace for the rest (tasks of one path are alike; arms differ little)
      line.append(" · ETA ").append(done == 0 ? "—" : duration(elapsed * (total - done) / done));
    }
    return line.toString();
  }

  static String runLine(JsonNode run) {
    String name = String.format("  %-28s", run.path("arm").asText() + " · seed " + run.path("seed").asText());
    int done = run.path("tasksCompleted").asInt();
    int total = run.path("tasksTotal").asInt();
    String status = run.path("status").asText();
    String bar = "#".repeat(done) + ".".repeat(Math.max(0, total - done));
    StringBuilder line = new StringBuilder(name).append(" [").append(bar).append("] ").append(done).append('/').append(total)
        .append(" tasks · ").append(status);
    JsonNode live = run.path("live");
    if (!live.isMissingNode() && !live.isNull()) {
      line.append(String.format(Locale.ROOT, " · task %d epoch %d · train loss %.4f · val loss %.4f",
          live.path("task").asInt() + 1, live.path("epoch").asInt(), live.path("trainLoss").asDouble(),
          live.path("validationLoss").asDouble()));
    }
    if (!run.path("reason").isNull() && !run.path("reason").isMissingNode()) {
      line.append(" · ").append(run.path("reason").asText());
    }
    return line.toString();
  }

  static String duration(long millis) {
    long seconds = millis / 1000;
    if (seconds < 3600) return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
