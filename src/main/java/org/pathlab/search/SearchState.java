package org.pathlab.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.SearchSpec;
import org.pathlab.search.SearchEvent.ConfirmationStarted;
import org.pathlab.search.SearchEvent.JobScored;
import org.pathlab.search.SearchEvent.JobStarted;
import org.pathlab.search.SearchEvent.SearchCancelled;
import org.pathlab.search.SearchEvent.SearchFinished;
import org.pathlab.search.SearchEvent.SearchSubmitted;

/**
 * A search as its events describe it; immutable ({@link #apply} returns a new state). The
 * supervisor and the report fold the same events through this one function.
 */
public record SearchState(
    String searchId,
    Plan plan,
    SearchSpec spec,
    String scenarioText,
    long submittedAtMillis,
    List<JobStarted> jobs,
    List<JobResult> results,
    ConfirmationStarted confirmation,
    Status status,
    long endedAtMillis,
    String cancelReason,
    long confirmationEvents) {

  public enum Status {
    EMPTY,
    /** Evaluating paths. */
    SEARCHING,
    /** The winners are re-run on fresh seeds. */
    CONFIRMING,
    FINISHED,
    CANCELLED;

    public boolean ended() {
      return this == FINISHED || this == CANCELLED;
    }
  }

  public SearchState {
    jobs = List.copyOf(jobs);
    results = Collections.unmodifiableList(new ArrayList<>(results)); // nulls: evaluations still running
  }

  public static SearchState empty(String searchId) {
    return new SearchState(searchId, null, null, null, 0, List.of(), List.of(), null, Status.EMPTY, 0, null, 0);
  }

  public SearchState apply(SearchEvent event) {
    if (event instanceof SearchSubmitted e) {
      return new SearchState(e.searchId(), e.plan(), e.spec(), e.scenarioText(), e.submittedAtMillis(), List.of(), List.of(), null,
          Status.SEARCHING, 0, null, 0);
    } else if (event instanceof JobStarted e) {
      if (e.index() != jobs.size()) throw new IllegalStateException("evaluation " + e.index() + " started after " + jobs.size());
      List<JobStarted> next = new ArrayList<>(jobs);
      next.add(e);
      List<JobResult> r = new ArrayList<>(results);
      r.add(null);
      return with(next, r, confirmation, status, endedAtMillis, cancelReason);
    } else if (event instanceof JobScored e) {
      List<JobResult> r = new ArrayList<>(results);
      r.set(e.index(), e.result());
      return with(jobs, r, confirmation, status, endedAtMillis, cancelReason);
    } else if (event instanceof ConfirmationStarted e) {
      return with(jobs, results, e, Status.CONFIRMING, endedAtMillis, cancelReason);
    } else if (event instanceof SearchFinished e) {
      SearchState f = with(jobs, results, confirmation, Status.FINISHED, e.finishedAtMillis(), cancelReason);
      return new SearchState(searchId, plan, spec, scenarioText, submittedAtMillis, jobs, results, confirmation, f.status(),
          f.endedAtMillis(), cancelReason, e.confirmationEvents());
    } else if (event instanceof SearchCancelled e) {
      return with(jobs, results, confirmation, Status.CANCELLED, e.cancelledAtMillis(), e.reason());
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private SearchState with(List<JobStarted> j, List<JobResult> r, ConfirmationStarted c, Status s, long ended, String reason) {
    return new SearchState(searchId, plan, spec, scenarioText, submittedAtMillis, j, r, c, s, ended, reason, confirmationEvents);
  }

  /** The decisions the results so far give. */
  public Schedule schedule() {
    return Schedule.replay(spec, results);
  }

  /** The experiment that evaluates job {@code index}: {@code SEARCH-jINDEX}. */
  public static String jobExperiment(String searchId, int index) {
    return searchId + "-j" + index;
  }

  /** The experiment that confirms the winners: {@code SEARCH-c}. */
  public static String confirmationExperiment(String searchId) {
    return searchId + "-c";
  }

  public SearchSpec.Candidate candidate(int index) {
    return spec.candidates().get(index);
  }
}
