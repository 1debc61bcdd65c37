package org.pathlab.search;

import java.util.Locale;

/** A {@link SearchReport} as Markdown (for people) and CSV (its evaluations, for tools). */
public final class SearchMarkdown {

  private SearchMarkdown() {}

  public static String render(SearchReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# Search ").append(r.searchId()).append(" — ").append(r.scenario()).append("\n\n");
    b.append(r.summary()).append("\n\n");
    b.append(String.format(Locale.ROOT, "Status: %s. Method: %s over %d paths; rungs of %s seeds; score: the mean paired difference "
        + "to the baseline in %s (lower is better). Budget: %,d task-epochs; spent %,d (shared and already trained prefixes cost "
        + "nothing); the same evaluations would have trained %,d task-epochs had each trained its own runs.%n%n", r.status(),
        r.method(), r.candidates(), r.rungSeeds(), r.metric(), r.budget(), r.spent(), r.withoutSharing()));
    b.append("## Confirmation on fresh seeds\n\n");
    if (r.confirmation().isEmpty()) {
      b.append(r.confirmationExperiment() == null ? "Not started: the search phase is still running.\n\n"
          : "Experiment " + r.confirmationExperiment() + " is running on seeds " + r.confirmationSeeds() + ".\n\n");
    } else {
      b.append("Experiment ").append(r.confirmationExperiment()).append(", seeds ").append(r.confirmationSeeds())
          .append(". These are the results; Holm's correction is over the confirmation's arms.\n\n");
      b.append("| arm | role | finished | mean | gap to baseline (95 % CI) | Holm p | verdict | against |\n|---|---|---|---|---|---|---|---|\n");
      for (SearchReport.Confirmed c : r.confirmation()) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s |%n", c.arm(), c.role(), c.finished(), num(c.mean()),
            c.gap() == null ? "" : num(c.gap()) + (c.gapLow() == null ? "" : " [" + num(c.gapLow()) + ", " + num(c.gapHigh()) + "]"),
            c.holmP() == null ? "" : String.format(Locale.ROOT, "%.3g", c.holmP()), c.verdict() == null ? "" : c.verdict(),
            c.control() == null ? "" : "'" + c.control() + "': " + c.controlVerdict()));
      }
      b.append('\n');
    }
    b.append("## Leaderboard per rung (search phase: selection biases these numbers; they are not results)\n\n");
    for (SearchReport.Rung rung : r.rungs()) {
      b.append("### Rung ").append(rung.rung()).append(" (").append(rung.seeds()).append(" seeds, ").append(rung.entries().size())
          .append(" paths)\n\n");
      if (rung.entries().isEmpty()) {
        b.append("No path has completed this rung.\n\n");
        continue;
      }
      b.append("| rank | path | mean paired difference |\n|---|---|---|\n");
      for (SearchReport.Entry e : rung.entries()) {
        b.append(String.format(Locale.ROOT, "| %d | %s | %s |%n", e.rank(), e.path(), e.score() >= JobResult.FAILED ? "failed" : num(e.score())));
      }
      b.append('\n');
    }
    b.append("## Evaluations\n\n| # | path | rung | seeds | score | cost (task-epochs) | experiment |\n|---|---|---|---|---|---|---|\n");
    for (SearchReport.Evaluation e : r.evaluations()) {
      String score = e.score() == null ? "running" : e.failure() != null || e.score() >= JobResult.FAILED ? "failed: " + e.failure()
          : num(e.score());
      b.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %s | %s | %s |%n", e.index(), e.path(), e.rung(), e.seeds(), score,
          e.cost() == null ? "" : String.format(Locale.ROOT, "%,d", e.cost()), e.experimentId()));
    }
    b.append("\n## Prefixes\n\nEvery prefix the evaluations completed (the same tasks from the start, over all seeds): the task-epochs "
        + "the search paid for it, how often the search trained it (once per seed at most), and how often it was used without "
        + "training (shared with another evaluation, or trained before the search).\n\n");
    b.append("| prefix | epochs paid | trained | reused |\n|---|---|---|---|\n");
    for (SearchReport.Prefix p : r.prefixes()) {
      b.append(String.format(Locale.ROOT, "| %s%s | %,d | %d | %d |%n", "· ".repeat(p.depth()), p.label(), p.epochsPaid(), p.trained(),
          p.reused()));
    }
    return b.toString();
  }

  public static String csv(SearchReport r) {
    StringBuilder b = new StringBuilder("index,path,rung,seeds,score,cost,failure,experiment\n");
    for (SearchReport.Evaluation e : r.evaluations()) {
      b.append(e.index()).append(',').append(quote(e.path())).append(',').append(e.rung()).append(',').append(e.seeds()).append(',')
          .append(e.score() == null ? "" : String.format(Locale.ROOT, "%.6f", e.score())).append(',')
          .append(e.cost() == null ? "" : e.cost()).append(',').append(e.failure() == null ? "" : quote(e.failure())).append(',')
          .append(e.experimentId()).append('\n');
    }
    return b.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static String num(Double x) {
    return x == null ? "" : String.format(Locale.ROOT, "%+.4f", x);
  }
}
