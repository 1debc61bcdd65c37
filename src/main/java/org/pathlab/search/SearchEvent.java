package org.pathlab.search;

import java.util.List;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.SearchSpec;
import org.pathlab.wire.PathlabSerializable;

/**
 * What a search decided, in the order it decided it: the journal of a {@link SearchSupervisor}.
 * The results are the evaluations' own (read from their experiments' events); the decisions follow
 * from them ({@link Schedule}), so a search resumed from these events decides the same again.
 */
public sealed interface SearchEvent extends PathlabSerializable {

  /** The tag every search event carries (the experiments' read side does not read these). */
  String TAG = "search";

  /** {@code plan}: the scenario's own arms (the baseline and the references) on the search's seeds. */
  record SearchSubmitted(String searchId, Plan plan, SearchSpec spec, String scenarioText, long submittedAtMillis)
      implements SearchEvent {}

  /** Evaluation {@code index}: {@code candidate} on the search's first {@code seeds} seeds, for rung {@code rung}, as experiment {@code experimentId}. */
  record JobStarted(int index, int candidate, int rung, int seeds, String experimentId) implements SearchEvent {}

  /** Evaluation {@code index} ended, with what its experiment measured. */
  record JobScored(int index, JobResult result) implements SearchEvent {}

  /** The search phase ended: the {@code top} candidates, best first, are re-run on fresh seeds as experiment {@code experimentId}. */
  record ConfirmationStarted(List<Integer> top, String experimentId) implements SearchEvent {
    public ConfirmationStarted {
      top = List.copyOf(top);
    }
  }

  /**
   * The confirmation's experiment ended (its report holds the verdicts) with its {@code
   * confirmationEvents}th event: a read of the report waits for the read side to have them all.
   */
  record SearchFinished(long finishedAtMillis, long confirmationEvents) implements SearchEvent {}

  /** Cancelled by a user: nothing more is started, the evaluations in flight are cancelled. */
  record SearchCancelled(String reason, long cancelledAtMillis) implements SearchEvent {}
}
