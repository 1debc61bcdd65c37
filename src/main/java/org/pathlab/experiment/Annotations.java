package org.pathlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.experiment.ExperimentEvent.Annotation;
import org.pathlab.experiment.ExperimentEvent.ArchiveChanged;
import org.pathlab.experiment.ExperimentEvent.NoteAdded;
import org.pathlab.experiment.ExperimentEvent.TagsChanged;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.Tags;
import org.pathlab.wire.PathlabSerializable;

/**
 * What a researcher has said of an experiment: its tags (the scenario's, then those added and
 * removed since), its notes in the order they were written (the scenario's {@code notes} first),
 * and whether it is archived — hidden from lists, its journal, reports and checkpoints kept.
 */
public record Annotations(List<String> tags, List<Note> notes, boolean archived) implements PathlabSerializable {

  /** One note and when it was written (the submission's time for the scenario's own). */
  public record Note(String text, long atMillis) implements PathlabSerializable {}

  public static final Annotations NONE = new Annotations(List.of(), List.of(), false);

  public Annotations {
    tags = tags == null ? List.of() : List.copyOf(tags);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** As submitted: the scenario's tags and notes. */
  public static Annotations of(Plan plan, long submittedAtMillis) {
    if (plan == null) return NONE;
    List<Note> notes = plan.notes() == null || plan.notes().isBlank() ? List.of() : List.of(new Note(plan.notes(), submittedAtMillis));
    return new Annotations(plan.tags(), notes, false);
  }

  Annotations apply(Annotation event) {
    if (event instanceof TagsChanged t) {
      List<String> next = new ArrayList<>(tags);
      next.removeAll(t.removed());
      for (String tag : t.added()) if (!next.contains(tag)) next.add(tag);
      return new Annotations(next, notes, archived);
    } else if (event instanceof NoteAdded n) {
      List<Note> next = new ArrayList<>(notes);
      next.add(new Note(n.text(), n.atMillis()));
      return new Annotations(tags, next, archived);
    } else if (event instanceof ArchiveChanged a) {
      return new Annotations(tags, notes, a.archived());
    }
    throw new IllegalArgumentException("unknown annotation " + event);
  }

  /**
   * What {@code asked} changes here: the tags it adds that are not there and removes that are,
   * or {@code asked} itself; null when it changes nothing (nothing is then recorded).
   */
  Annotation effect(Annotation asked) {
    if (asked instanceof TagsChanged t) {
      List<String> added = t.added().stream().filter(x -> !tags.contains(x)).distinct().toList();
      List<String> removed = t.removed().stream().filter(tags::contains).distinct().toList();
      return added.isEmpty() && removed.isEmpty() ? null : new TagsChanged(added, removed, t.atMillis());
    }
    if (asked instanceof ArchiveChanged a) return a.archived() == archived ? null : a;
    return asked;
  }

  /** Why {@code asked} cannot be recorded for an experiment in {@code status}, or null when it can. */
  String refusal(ExperimentState.Status status, String experimentId, Annotation asked) {
    if (asked instanceof TagsChanged t) {
      for (String tag : t.added()) {
        if (Tags.problem(tag) != null) return "'" + tag + "' is not a tag: " + Tags.problem(tag);
        if (t.removed().contains(tag)) return "tag '" + tag + "' is both added and removed; say which";
      }
      Annotation effect = effect(t);
      int after = effect == null ? tags.size() : apply(effect).tags().size();
      if (after > Tags.MAX_TAGS) return "experiment " + experimentId + " would carry " + after + " tags; at most " + Tags.MAX_TAGS;
    } else if (asked instanceof NoteAdded n) {
      if (Tags.noteProblem(n.text()) != null) return "the note " + Tags.noteProblem(n.text());
      if (notes.size() >= Tags.MAX_NOTES) return "experiment " + experimentId + " keeps " + notes.size() + " notes already; at most "
          + Tags.MAX_NOTES;
    } else if (asked instanceof ArchiveChanged a && a.archived() && status == ExperimentState.Status.RUNNING) {
      return "experiment " + experimentId + " is still running; cancel it (`pathlab cancel " + experimentId
          + "`) or let it end before archiving it";
    }
    return null;
  }
}
