package org.pathlab.api;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.experiment.Annotations;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.LiveProgress;
import org.pathlab.experiment.RunState;
import org.pathlab.scenario.RunSpec;

/** The JSON shapes of the API (documented in docs/api.md). */
public final class Views {

  private Views() {}

  public record Submitted(String id, int runs, int tasks) {}

  public record Cancelled(String id) {}

  /** One journal event: its type and its fields, as they were persisted. */
  public record Event(long sequenceNr, String type, Object event) {}

  static List<Event> events(List<Object> events) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Object e = events.get(i);
      // the submitted event carries the whole plan and scenario; the plan is at /api/experiments/ID
      Object shown = e instanceof org.pathlab.experiment.ExperimentEvent.ExperimentSubmitted s
          ? java.util.Map.of("experimentId", s.experimentId(), "submittedAtMillis", s.submittedAtMillis())
          : e;
      out.add(new Event(i + 1, e.getClass().getSimpleName(), shown));
    }
    return out;
  }

  /** A rebuild of the read model and every report began; it is done once the projection's offset reaches {@code target}. */
  public record Rebuild(long target) {}

  /** {@code offset}: the last journal event the read model and report files include. */
  public record ProjectionProgress(long offset, long journalEnd, long unwritten) {}

  public record Problem(String error, List<String> problems) {}

  public record Summary(
      String id, String scenario, String status, int tasksCompleted, int tasksTotal, long submittedAtMillis, long finishedAtMillis,
      String forkedFrom,
      List<String> tags,
      List<Annotations.Note> notes,
      boolean archived) {}

  /** An experiment's tags, notes and archiving, after a change to them. */
  public record Annotated(String id, List<String> tags, List<Annotations.Note> notes, boolean archived) {}

  static Annotated annotations(String id, Annotations a) {
    return new Annotated(id, a.tags(), a.notes(), a.archived());
  }

  /** Which experiments a list shows: those not archived (or only the archived), with a tag, since a time. */
  record Filter(String tag, Long since, boolean archived) {
    static Filter of(java.util.Optional<String> tag, java.util.Optional<String> since, java.util.Optional<String> archived) {
      String a = archived.orElse("false");
      if (!a.equals("true") && !a.equals("false")) {
        throw new IllegalArgumentException("archived = " + a + "; use true (only the archived experiments) or false (the others)");
      }
      return new Filter(tag.orElse(null), since.map(Views::instant).orElse(null), a.equals("true"));
    }

    boolean admits(ExperimentState s) {
      return s.plan() != null && s.annotations().archived() == archived && (tag == null || s.annotations().tags().contains(tag))
          && (since == null || s.submittedAtMillis() >= since);
    }
  }

  public record Live(int task, int epoch, double trainLoss, double validationLoss, long atMillis) {}

  public record Run(
      String id, String arm, long seed, String status, int tasksCompleted, int tasksTotal, String reason, Live live) {}

  public record Detail(Summary summary, List<Run> runs) {}

  /** {@code 2026-11-30} (midnight UTC) or {@code 2026-11-30T18:00:00Z} as epoch milliseconds; a clear refusal otherwise. */
  static long instant(String text) {
    try {
      return text.contains("T") ? java.time.Instant.parse(text).toEpochMilli()
          : java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("since = " + text + " is not a date; use 2026-11-30 or 2026-11-30T18:00:00Z (UTC)");
    }
  }

  static Summary summary(ExperimentState s) {
    return new Summary(
        s.experimentId(),
        s.plan().scenarioName(),
        s.status().name().toLowerCase(),
        s.tasksCompleted(),
        s.plan().totalTasks(),
        s.submittedAtMillis(),
        s.finishedAtMillis(),
        s.plan().forkedFrom(),
        s.annotations().tags(),
        s.annotations().notes(),
        s.annotations().archived());
  }

  static Detail detail(ExperimentState s, LiveProgress progress) {
    List<Run> runs = new ArrayList<>();
    for (RunSpec spec : s.plan().runs()) {
      RunState run = s.run(spec.id());
      LiveProgress.Epoch epoch = run.status().ended() ? null : progress.of(s.experimentId(), spec.id());
      Live live =
          epoch == null || epoch.taskIndex() < run.nextTask()
              ? null
              : new Live(epoch.taskIndex(), epoch.metrics().epoch(), epoch.metrics().trainLoss(),
                  epoch.metrics().validationLoss(), epoch.atMillis());
      // Between completions the journal says "pending"/"running"; a live epoch says more.
      String status = live != null ? "training" : run.status().name().toLowerCase();
      runs.add(new Run(spec.id(), spec.arm(), spec.seed(), status,
          run.completed().size(), spec.path().size(), run.reason(), live));
    }
    return new Detail(summary(s), runs);
  }

  /** The name a submission gives its scenario, used in messages and the report: printable, short. */
  static String scenarioName(java.util.Optional<String> name) {
    String n = name.orElse("scenario").replaceAll("[^A-Za-z0-9._/ -]", "_");
    if (n.isBlank()) n = "scenario";
    return n.length() > 120 ? n.substring(0, 120) : n;
  }
}
