package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario's substitutions are bounded before the resolver copies them (issue R, Observed 2). */
class ExpansionTest {

  private static final String REST = "dataset { name = fashion-mnist }\narms = [{ name = baseline, path = baseline }]\nseeds = [1]\n";

  @Test
  void doublingTwentySixTimesIsRefusedBeforeItIsResolved() {
    StringBuilder text = new StringBuilder("x1 = \"ab\"\n");
    for (int i = 2; i <= 26; i++) text.append("x").append(i).append(" = ${x").append(i - 1).append("}${x").append(i - 1).append("}\n");
    text.append("name = ${x26}\n").append(REST);
    List<String> problems = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text.toString(), "d.conf")).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("d.conf:?: its ${} substitutions would make the scenario more than 4194304 characters"),
        problems.toString());
  }

  @Test
  void theSizeIsTheTextPlusWhatEachReferenceBrings() {
    var root = ConfigFactory.parseString("a = \"abcd\"\nb = ${a}${a}\nc = [${b}, ${b}]").root();
    long written = root.render(com.typesafe.config.ConfigRenderOptions.concise().setJson(false)).length();
    // b brings 2 × a's text and its own; c brings 2 × b's
    long a = root.get("a").render(com.typesafe.config.ConfigRenderOptions.concise().setJson(false)).length();
    long b = "${a}${a}".length() + 2 * a;
    assertEquals(written + 2 * a + 2 * b, Expansion.resolvedSize(root, Long.MAX_VALUE / 2));
    assertTrue(Expansion.resolvedSize(root, 10) > 10, "stops above the cap");
  }

  @Test
  void sharedSettingsAndAppendsStayWellWithinTheBound() {
    StringBuilder text = new StringBuilder("name = shared\ntraining { learning-rate = 0.01, momentum = 0.9, max-epochs = 5 }\n");
    text.append("dataset { name = fashion-mnist }\nseeds = [1]\nseeds = ${seeds} [2]\narms = [\n  { name = baseline, path = baseline }\n");
    for (int i = 0; i < 200; i++) text.append("  { name = \"a").append(i).append("\", path = jump, transform = blur, training = ${training} }\n");
    text.append("]\n");
    Scenario s = ScenarioParser.parse(text.toString(), "s.conf");
    assertEquals(201, s.arms().size());
    assertEquals(List.of(1L, 2L), s.seeds());
  }
}
