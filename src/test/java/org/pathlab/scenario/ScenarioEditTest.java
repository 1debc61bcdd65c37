package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Forking: a submitted scenario changed by KEY=VALUE overrides, then checked like any scenario. */
class ScenarioEditTest {

  private static final String ORIGINAL = """
      # a comment that a fork does not keep
      name = fork-me
      dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
      training { learning-rate = 0.01, max-epochs = 2, patience = 1 }
      arms = [
        { name = baseline, path = baseline }
        { name = blur, path = jump, transform = blur, per-task { learning-rate = [0.01, 0.01] } }
      ]
      seeds = [1, 2]
      """;

  private static Plan fork(String... sets) {
    return Plan.of(ScenarioParser.parse(ScenarioEdit.apply(ORIGINAL, "20261130-120000-abcd", List.of(sets)), "fork.conf"));
  }

  @Test
  void overridesChangeWhatTheyNameAndTheForkRecordsItsOrigin() {
    Plan same = fork();
    Plan original = Plan.of(ScenarioParser.parse(ORIGINAL, "o.conf"));
    assertEquals(original.runs(), same.runs(), "no override: the same plan");
    assertEquals("20261130-120000-abcd", same.forkedFrom());

    Plan changed = fork("training.learning-rate=0.02", "arms[1].per-task.learning-rate=[1e-3, 2e-3]", "seeds=[1, 2, 3]");
    assertEquals(0.02, changed.runsOf("baseline").get(0).path().step(0).process().learningRate());
    var blur = changed.runsOf("blur").get(0).path();
    assertEquals(1e-3, blur.step(0).process().learningRate());
    assertEquals(2e-3, blur.step(1).process().learningRate());
    assertEquals(3, changed.runsOf("blur").size());
    String text = ScenarioEdit.apply(ORIGINAL, "20261130-120000-abcd", List.of("seeds=[3]"));
    assertTrue(text.startsWith("# forked from experiment 20261130-120000-abcd with --set seeds=[3]\n"), text);
  }

  @Test
  void aBadOverrideIsRefusedNamingTheKey() {
    IllegalArgumentException index = assertThrows(IllegalArgumentException.class, () -> fork("arms[5].name=x"));
    assertTrue(index.getMessage().contains("--set arms[5].name: arms has 2 entries (indices 0 to 1)"), index.getMessage());
    IllegalArgumentException form = assertThrows(IllegalArgumentException.class, () -> fork("training.learning-rate"));
    assertTrue(form.getMessage().contains("write KEY=VALUE"), form.getMessage());
    IllegalArgumentException notObject = assertThrows(IllegalArgumentException.class, () -> fork("seeds.first=1"));
    assertTrue(notObject.getMessage().contains("seeds is a list, not an object with keys"), notObject.getMessage());
    List<String> typo = assertThrows(ScenarioException.class, () -> fork("training.learning-rat=0.02")).problems();
    assertTrue(typo.toString().contains("training.learning-rat"), typo.toString());
    List<String> tag = assertThrows(ScenarioException.class, () -> fork("tags=[\"two words\"]")).problems();
    assertTrue(tag.toString().contains("tags: has \"two words\"; a tag is 1 to 40 letters"), tag.toString());
    assertEquals(List.of("a", "b"), fork("tags=[a, b, a]").tags(), "kept once each, in order");
    List<String> range = assertThrows(ScenarioException.class, () -> fork("training.learning-rate=-1")).problems();
    assertTrue(range.toString().contains("training.learning-rate"), range.toString());
  }

  /** Issue R, Observed 14 and 15: a --set value is data (no include is followed), and one line. */
  @Test
  void includesAndLineBreaksInAValueAreRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("secret.conf"), "leaked = yes\n");
    for (String value : new String[] {"{include file(\"" + secret + "\")}", "{include \"" + secret + "\"}",
        "{include url(\"http://127.0.0.1:9/x\")}", "{include classpath(\"reference.conf\")}",
        "{include required(file(\"" + secret + "\"))}"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ScenarioEdit.apply(ORIGINAL, "20261130-120000-abcd", List.of("tags=" + value)), value);
      assertTrue(e.getMessage().contains("may not include a file or a URL"), e.getMessage());
    }
    IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
        () -> ScenarioEdit.apply(ORIGINAL, "x", List.of("training.max-epochs=1\nname = \"x\"")));
    assertTrue(line.getMessage().contains("holds a line break"), line.getMessage());
    assertTrue(ScenarioEdit.apply(ORIGINAL, "x", List.of("name=${HOME}")).contains("\"${HOME}\""), "a substitution stays text");
  }
}
