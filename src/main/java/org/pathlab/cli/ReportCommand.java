package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "report",
    description = {"Print an experiment's baseline-gap report, rebuilt from the journal.",
        "With --rebuild: make the daemon rebuild its read model and every report file from the first event."})
final class ReportCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "the experiment id")
  String id;

  @Option(names = "--format", defaultValue = "md", description = "md, json, csv (a row per seed), epochs or tasks (tidy CSV: a row per run × task × epoch, or per run × task), "
          + "svg (final losses), curves (learning curves) or grid (2-D paths, fig. 5) (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--against", paramLabel = "ARM", description = "compare every other arm with this one instead of the baseline "
      + "(gap, Welch's interval, Holm-adjusted p, Hedges' g; Markdown, or JSON with --json)")
  String against;

  @Option(names = "--json", description = "same as --format json")
  boolean json;

  @Option(names = "--rebuild", description = "reset the report projection and wait until every report under <data-dir>/reports is rewritten")
  boolean rebuild;

  @Override
  public Integer call() throws InterruptedException {
    if (rebuild) {
      if (id != null) throw new CliException(ExitCodes.USAGE, "--rebuild rebuilds every report; give no experiment id");
      return rebuild();
    }
    if (id == null) throw new CliException(ExitCodes.USAGE, "give an experiment id (`pathlab status` lists them), or --rebuild");
    ExperimentIds.require(id);
    String f = json ? "json" : format;
    if (ExperimentIds.isSearch(id)) {
      SearchView.report(client.client(), id, f, parent);
      return ExitCodes.OK;
    }
    if (against != null) {
      String arm = java.net.URLEncoder.encode(against, java.nio.charset.StandardCharsets.UTF_8);
      parent.out.println(DaemonClient.check(client.client().get("/api/experiments/" + id + "/compare?against=" + arm + "&format="
          + (json ? "json" : "md"))).body());
      return ExitCodes.OK;
    }
    if (f.equals("epochs") || f.equals("tasks")) {
      // the tidy exports: every recorded number, for pandas or R
      parent.out.print(DaemonClient.check(client.client().get("/api/experiments/" + id + "/metrics?level=" + (f.equals("epochs") ? "epoch" : "task"))).body());
      return ExitCodes.OK;
    }
    if (!java.util.List.of("md", "json", "csv", "svg", "curves", "grid").contains(f)) {
      throw new CliException(ExitCodes.USAGE, "unknown format '" + f + "'; use md, json, csv, epochs, tasks, svg, curves or grid");
    }
    parent.out.println(DaemonClient.check(client.client().get("/api/experiments/" + id + "/report?format=" + f)).body());
    return ExitCodes.OK;
  }

  private int rebuild() throws InterruptedException {
    DaemonClient daemon = client.client();
    long start = System.nanoTime();
    long target = DaemonClient.check(daemon.post("/api/reports/rebuild")).json().path("target").asLong();
    parent.err.printf(Locale.ROOT, "rebuilding the read model and every report from journal events 1..%d%n", target);
    JsonNode progress;
    while (true) {
      progress = DaemonClient.check(daemon.get("/api/reports/progress")).json();
      long offset = progress.path("offset").asLong();
      // The daemon answered the rebuild after the offset was cleared: it only grows from here.
      if (offset >= target) break;
      Thread.sleep(250);
    }
    long unwritten = progress.path("unwritten").asLong();
    if (unwritten > 0) {
      throw new CliException(ExitCodes.DAEMON_ERROR, "the read model is rebuilt, but the report files of " + unwritten + " experiment"
          + (unwritten == 1 ? "" : "s") + " could not be written under <data-dir>/reports (the daemon's log says why); `pathlab report ID`"
          + " still prints each report");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json) {
      parent.out.printf(Locale.ROOT, "{\"events\":%d,\"seconds\":%.2f}%n", target, seconds);
    } else {
      parent.out.printf(Locale.ROOT, "rebuilt from %d events in %.1f s%n", target, seconds);
    }
    return ExitCodes.OK;
  }
}
