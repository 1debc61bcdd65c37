package org.pathlab.search;

import java.util.Locale;

/**
 * The one sentence a search report opens with: what was selected from how many paths at what
 * cost, and what its confirmation on fresh seeds found — the confirmation's verdicts, never the
 * search-phase gap (which selection biases towards the better-looking paths).
 */
final class SearchSummary {

  private SearchSummary() {}

  static String sentence(SearchState s, SearchReport r) {
    String how = (s.spec().method().equals(org.pathlab.scenario.SearchSpec.RANDOM) ? "random search" : "successive halving")
        + String.format(Locale.ROOT, " over %d paths, %,d of a %,d task-epoch budget spent", r.candidates(), r.spent(), r.budget());
    return switch (s.status()) {
      case EMPTY -> "Not submitted.";
      case SEARCHING -> "Searching (" + how + ", " + r.evaluations().size()
          + " evaluations so far): no path is selected yet, and the leaderboard's search-phase numbers are not results.";
      case CANCELLED -> "Cancelled (" + s.cancelReason() + ") after " + r.evaluations().size() + " evaluations (" + how
          + "): nothing was selected or confirmed.";
      case CONFIRMING, FINISHED -> confirmed(s, r, how);
    };
  }

  private static String confirmed(SearchState s, SearchReport r, String how) {
    if (s.confirmation() == null) {
      return "No path was selected (" + how + "): every evaluation failed.";
    }
    String winner = SearchReport.name(s, s.confirmation().top().get(0));
    int others = s.confirmation().top().size() - 1;
    String selected = "Selected '" + winner + "'" + (others > 0 ? " (and " + others + " runner" + (others > 1 ? "s" : "") + "-up)" : "")
        + " from " + r.candidates() + " paths (" + how + ")";
    SearchReport.Confirmed c = r.confirmation().stream().filter(x -> x.arm().equals(winner)).findFirst().orElse(null);
    if (s.status() == SearchState.Status.CONFIRMING || c == null) {
      return selected + "; its confirmation on " + s.spec().confirmationSeeds().size() + " fresh seeds is running, and until it ends "
          + "nothing here is a result.";
    }
    String sentence = selected + "; confirmed on " + s.spec().confirmationSeeds().size() + " fresh seeds, against the baseline: "
        + c.verdict();
    if (c.control() != null && c.controlVerdict() != null) sentence += "; against '" + c.control() + "': " + c.controlVerdict();
    return sentence + ".";
  }
}
