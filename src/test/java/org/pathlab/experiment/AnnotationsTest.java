package org.pathlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent.ArchiveChanged;
import org.pathlab.experiment.ExperimentEvent.ExperimentSubmitted;
import org.pathlab.experiment.ExperimentEvent.NoteAdded;
import org.pathlab.experiment.ExperimentEvent.TagsChanged;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.ScenarioParser;

/** Tags, notes and archiving folded from events: what a change records, what it is refused for. */
class AnnotationsTest {

  private static ExperimentState submitted(String extra) throws Exception {
    String text = Files.readString(Path.of("scenarios/quickstart.conf")) + "\n" + extra;
    Plan plan = Plan.of(ScenarioParser.parse(text, "quickstart.conf"));
    return ExperimentState.empty("e1").apply(new ExperimentSubmitted("e1", plan, text, 1000));
  }

  @Test
  void theScenariosTagsAndNotesComeFirstThenEachChangeInOrder() throws Exception {
    ExperimentState s = submitted("tags = [draft, blur]\nnotes = \"first\"");
    assertEquals(List.of("draft", "blur"), s.annotations().tags());
    assertEquals(List.of(new Annotations.Note("first", 1000)), s.annotations().notes());
    s = s.apply(new TagsChanged(List.of("lr-sweep"), List.of("draft"), 2000)).apply(new NoteAdded("second", 3000));
    assertEquals(List.of("blur", "lr-sweep"), s.annotations().tags());
    assertEquals("second", s.annotations().notes().get(1).text());
    assertEquals(s.status(), ExperimentState.Status.RUNNING, "an annotation changes no run");
  }

  @Test
  void aChangeRecordsOnlyWhatItChanges() throws Exception {
    ExperimentState s = submitted("tags = [blur]");
    assertNull(s.effect(new TagsChanged(List.of("blur"), List.of("absent"), 2000)), "nothing to record");
    assertEquals(new TagsChanged(List.of("new"), List.of("blur"), 2000),
        s.effect(new TagsChanged(List.of("blur", "new", "new"), List.of("blur", "absent"), 2000)));
    assertNull(s.effect(new ArchiveChanged(false, 2000)), "not archived: restoring changes nothing");
  }

  @Test
  void refusalsNameWhatIsWrong() throws Exception {
    ExperimentState running = submitted("");
    assertTrue(running.refusal(new ArchiveChanged(true, 1)).contains("is still running; cancel it"));
    assertNull(running.refusal(new ArchiveChanged(false, 1)));
    assertTrue(running.refusal(new TagsChanged(List.of("a b"), List.of(), 1)).contains("'a b' is not a tag"));
    assertTrue(running.refusal(new TagsChanged(List.of("x"), List.of("x"), 1)).contains("both added and removed"));
    List<String> many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "t" + i).toList();
    assertTrue(running.refusal(new TagsChanged(many, List.of(), 1)).contains("would carry 21 tags; at most 20"));
    assertTrue(running.refusal(new NoteAdded(" ", 1)).contains("needs some text"));
    ExperimentState ended = running.apply(new ExperimentEvent.ExperimentCancelled("test", 5));
    assertNull(ended.refusal(new ArchiveChanged(true, 6)));
    assertTrue(ended.apply(new ArchiveChanged(true, 6)).annotations().archived());
  }
}
