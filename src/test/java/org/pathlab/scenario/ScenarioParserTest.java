package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.path.Task;
import org.pathlab.transform.BlurFilter;
import org.pathlab.transform.TransformSettings;

class ScenarioParserTest {

  private static final String VALID = """
      name = tiny
      dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
      model = small-cnn
      training { learning-rate = 0.01, max-epochs = 2, patience = 1 }
      arms = [
        { name = baseline, path = baseline }
        { name = jump, path = jump, transform = blur, training { learning-rate = 0.002 } }
      ]
      seeds = [1, 2]
      """;

  private static List<String> problems(String text) {
    return assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "s.conf")).problems();
  }

  @Test
  void theQuickstartScenarioIsValidAndExpandsToSixRuns() throws Exception {
    Scenario s = ScenarioParser.parse(Files.readString(Path.of("scenarios/quickstart.conf")), "quickstart.conf");
    Plan plan = Plan.of(s);
    assertEquals(2, plan.arms().size());
    assertEquals(6, plan.runs().size());
    assertEquals(9, plan.totalTasks(), "3 baseline runs of 1 task + 3 jump runs of 2 tasks");
    assertEquals("baseline", plan.baseline().name());
  }

  @Test
  void armsInheritTheDefaultsAndOverrideWhatTheySay() {
    Scenario s = ScenarioParser.parse(VALID, "s.conf");
    var jump = s.arms().get(1).path();
    assertEquals(2, jump.size());
    assertEquals(1.0, jump.step(0).task().level("blur"));
    assertEquals(Task.target(), jump.step(1).task());
    assertEquals(0.002, jump.step(1).process().learningRate(), "the arm's training block overrides");
    assertEquals(0.002, jump.step(0).process().learningRate(), "the arm's training applies to every task of its path");
    assertEquals(2, jump.step(1).process().maxEpochs(), "and the rest comes from the scenario's defaults");
    assertEquals(0.9, jump.step(1).process().momentum());
    assertEquals(0.01, s.arms().get(0).path().step(0).process().learningRate());
  }

  @Test
  void theBlurFilterIsAScenarioChoiceAndBilinearWithoutOne() {
    assertEquals(BlurFilter.BILINEAR, ScenarioParser.parse(VALID, "s.conf").transforms().blurFilter(),
        "without a transforms block the blur is today's: bilinear");
    assertEquals(new TransformSettings(8, BlurFilter.BILINEAR),
        ScenarioParser.parse(VALID + "transforms { shift-max = 8 }\n", "s.conf").transforms());
    for (BlurFilter f : BlurFilter.values()) {
      Scenario s = ScenarioParser.parse(VALID + "transforms { blur-filter = " + f.id() + ", shift-max = 3 }\n", "s.conf");
      assertEquals(new TransformSettings(3, f), s.transforms());
      assertEquals(f, Plan.of(s).transforms().blurFilter(), "the plan (and so the trainer and the report) carries it");
    }
    List<String> p = problems(VALID + "transforms {\n  blur-filter = bicubic\n}\n");
    assertEquals(List.of("s.conf:11: transforms.blur-filter: unknown value 'bicubic'; use one of [bilinear, area, antialias]"), p);
  }

  @Test
  void theSmallCnnsWidthsAreASettingWithTodaysAsTheDefaults() {
    assertEquals(SmallCnnWidths.DEFAULT, ScenarioParser.parse(VALID, "s.conf").widths(), "model = small-cnn: the defaults");
    assertEquals(SmallCnnWidths.DEFAULT, ScenarioParser.parse(VALID.replace("model = small-cnn\n", ""), "s.conf").widths(),
        "no model: the small CNN at the defaults");
    Scenario s = ScenarioParser.parse(VALID.replace("model = small-cnn", "model { name = small-cnn, channels = [32, 64], hidden = 128 }"), "s.conf");
    assertEquals("small-cnn", s.model());
    assertEquals(new SmallCnnWidths(32, 64, 128), s.widths());
    assertEquals("small-cnn (channels 32, 64; hidden 128)", Plan.of(s).modelDescription());
    assertEquals(new SmallCnnWidths(8, 16, 64),
        ScenarioParser.parse(VALID.replace("model = small-cnn", "model { name = small-cnn, channels = [8, 16] }"), "s.conf").widths());
    assertEquals(new SmallCnnWidths(16, 32, 256),
        ScenarioParser.parse(VALID.replace("model = small-cnn", "model { name = small-cnn, hidden = 256 }"), "s.conf").widths());
    assertEquals(SmallCnnWidths.DEFAULT,
        ScenarioParser.parse(VALID.replace("model = small-cnn", "model { name = small-cnn }"), "s.conf").widths());
    Scenario resnet = ScenarioParser.parse(VALID.replace("model = small-cnn", "model { name = resnet-18 }"), "s.conf");
    assertEquals("resnet-18", resnet.model());
    assertEquals(null, resnet.widths(), "ResNet-18's widths are fixed");
    assertEquals(null, ScenarioParser.parse(VALID.replace("model = small-cnn", "model = resnet-18"), "s.conf").widths());
    assertEquals("resnet-18", Plan.of(resnet).modelDescription());
  }

  @Test
  void badWidthsAreRefusedNamingLineAndKey() {
    String object = "model {\n  name = small-cnn\n  channels = [16, -2, 4]\n  hidden = 0\n}";
    List<String> p = problems(VALID.replace("model = small-cnn", object));
    assertTrue(p.stream().anyMatch(x -> x.startsWith("s.conf:5: model.channels: lists 3 values")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("s.conf:6: model.hidden: is 0")), p.toString());
    p = problems(VALID.replace("model = small-cnn", "model { name = small-cnn, channels = [16, 1025] }"));
    assertTrue(p.stream().anyMatch(x -> x.startsWith("s.conf:3: model.channels: is 1025") && x.contains("1 to 1024")), p.toString());
    p = problems(VALID.replace("model = small-cnn", "model { name = small-cnn, channels = [a, 8] }"));
    assertTrue(p.stream().anyMatch(x -> x.startsWith("s.conf:3: model.channels: must be a whole number")), p.toString());
    p = problems(VALID.replace("model = small-cnn", "model { name = resnet-18, channels = [8, 8] }"));
    assertTrue(p.stream().anyMatch(x -> x.startsWith("s.conf:3: model.channels: resnet-18 has fixed widths")), p.toString());
    p = problems(VALID.replace("model = small-cnn", "model { channels = [8, 8] }"));
    assertTrue(p.stream().anyMatch(x -> x.startsWith("s.conf:3: model.name: missing")), p.toString());
    p = problems(VALID.replace("model = small-cnn", "model { name = vgg, hidden = 8 }"));
    assertEquals(1, p.size(), "an unknown model is the one problem: " + p);
  }

  @Test
  void anUnknownKeyIsRejectedWithFileLineAndKey() {
    List<String> p = problems(VALID.replace("train-size = 100", "trian-size = 100"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("s.conf:2: dataset.trian-size: unknown key"), p.get(0));
  }

  @Test
  void anUnknownKeyInsideAnArmNamesTheArm() {
    List<String> p = problems(VALID.replace("training { learning-rate = 0.002 }", "training { learnig-rate = 0.002 }"));
    assertTrue(p.get(0).startsWith("s.conf:7: arms[1].training.learnig-rate: unknown key"), p.toString());
  }

  @Test
  void badValuesAreRejectedWithTheKeyAndWhatIsAccepted() {
    List<String> p = problems(VALID.replace("learning-rate = 0.01", "learning-rate = -1").replace("seeds = [1, 2]", "seeds = [1, 1]"));
    assertTrue(p.contains("s.conf:4: training.learning-rate: is -1.0; use a number > 0"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("s.conf:9: seeds: lists seed 1 twice")), p.toString());
    assertTrue(problems(VALID.replace("transform = blur", "transform = fog")).get(0)
        .contains("arms[1].transform: unknown value 'fog'; use one of [blur, contrast, shift]"));
    assertTrue(problems(VALID.replace("model = small-cnn", "model = resnet-1000")).get(0)
        .startsWith("s.conf:3: model: unknown value 'resnet-1000'"));
    assertTrue(problems(VALID.replace("max-epochs = 2", "max-epochs = two")).get(0)
        .startsWith("s.conf:4: training.max-epochs: must be a whole number"));
    assertTrue(problems(VALID.replace("name = fashion-mnist", "name = imagenet")).get(0)
        .contains("dataset.name: unknown value 'imagenet'"));
  }

  @Test
  void exactlyOneBaselineArmIsRequired() {
    List<String> p = problems(VALID.replace("path = baseline", "path = jump, transform = blur"));
    assertTrue(p.get(0).contains("exactly one arm must have path = baseline"), p.toString());
  }

  @Test
  void missingSectionsAreNamed() {
    List<String> p = problems("name = x\n");
    assertTrue(p.stream().anyMatch(x -> x.contains("dataset: missing")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.contains("arms: missing")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.contains("seeds: missing")), p.toString());
  }

  @Test
  void brokenHoconNamesTheLine() {
    List<String> p = problems("name = x\ndataset {\n  name = fashion-mnist\n");
    assertEquals(1, p.size());
    assertTrue(p.get(0).contains("s.conf: 4") || p.get(0).contains("s.conf:4") || p.get(0).contains("s.conf: 3"), p.get(0));
    assertFalse(p.get(0).isBlank());
  }

  @Test
  void explicitPathsAndPerTaskProcessesAreReadTaskByTask() {
    Scenario s = ScenarioParser.parse("""
        name = e
        dataset { name = mnist }
        training { bias-reset-delta = 0.02 }
        arms = [
          { name = b, path = baseline }
          { name = e, path = explicit, tasks = [{ blur = 1, contrast = 0.5 }, { shift = 0.25 }, {}],
            per-task { learning-rate = [1e-3, 2e-3, 3e-3], bias-reset = [yes, no, yes], max-epochs = [5, 6, 7] } }
        ]
        seeds = [4]
        baseline-seeds = [1, 2]
        """, "e.conf");
    var path = s.arms().get(1).path();
    assertEquals(3, path.size());
    assertEquals(0.5, path.step(0).task().level("contrast"));
    assertEquals(0.25, path.step(1).task().level("shift"));
    assertTrue(path.step(2).task().isTarget());
    assertEquals(List.of(1e-3, 2e-3, 3e-3), path.steps().stream().map(st -> st.process().learningRate()).toList());
    assertEquals(List.of(true, false, true), path.steps().stream().map(st -> st.process().biasReset()).toList());
    assertEquals(List.of(5, 6, 7), path.steps().stream().map(st -> st.process().maxEpochs()).toList());
    assertEquals(0.02, path.step(0).process().biasResetDelta());
    Plan plan = Plan.of(s);
    assertEquals(List.of(1L, 2L), plan.runsOf("b").stream().map(RunSpec::seed).toList());
    assertEquals(List.of(4L), plan.runsOf("e").stream().map(RunSpec::seed).toList());
  }

  @Test
  void anArmGridIsTheCrossProductOfItsVariedKeys() {
    Scenario s = ScenarioParser.parse("""
        name = g
        dataset { name = cifar-10 }
        arms = [{ name = b, path = baseline }]
        arm-grid = [
          { name = "{path} N={steps} lr={training.learning-rate}", transforms = [blur, shift]
            vary { path = [a-then-b, diagonal], steps = [2, 3], training.learning-rate = [0.1, 0.2] } }
        ]
        seeds = [1]
        """, "g.conf");
    assertEquals(9, s.arms().size());
    var names = s.arms().stream().map(Arm::name).toList();
    assertTrue(names.contains("a-then-b N=3 lr=0.2"), names.toString());
    Arm a = s.arms().stream().filter(x -> x.name().equals("a-then-b N=3 lr=0.2")).findFirst().orElseThrow();
    assertEquals(5, a.path().size());
    assertEquals(0.2, a.path().step(0).process().learningRate());
    Arm d = s.arms().stream().filter(x -> x.name().equals("diagonal N=2 lr=0.1")).findFirst().orElseThrow();
    assertEquals(2, d.path().size());
    assertEquals(1.0, d.path().step(0).task().level("shift"));
  }

  @Test
  void substitutionsWithinTheScenarioStillWork() {
    // ${} paths are absolute: the arm takes the scenario's own default learning rate
    Scenario s = ScenarioParser.parse(VALID.replace("learning-rate = 0.002", "learning-rate = ${training.learning-rate}"), "s.conf");
    assertEquals(0.01, s.arms().get(1).path().step(1).process().learningRate());
  }

  @Test
  void aGridIsRefusedFromItsProductBeforeItIsExpanded() {
    // 100^6 = 10^12 combinations: expanding them would never finish, refusing them takes no time
    StringBuilder vary = new StringBuilder();
    for (String key : List.of("steps", "training.patience", "training.max-epochs", "training.batch-size", "training.momentum",
        "training.learning-rate")) {
      vary.append(key).append(" = [");
      for (int i = 1; i <= 100; i++) vary.append(i == 1 ? "" : ", ").append(i);
      vary.append("]\n");
    }
    List<String> problems = problems("""
        name = x
        dataset { name = fashion-mnist }
        arms = [{ name = baseline, path = baseline }]
        arm-grid = [{ name = "g", path = discretize, transform = blur, vary { %s } }]
        seeds = [1]
        """.formatted(vary));
    assertTrue(problems.stream().anyMatch(p -> p.contains("expands to 1000000000000 arms")), problems.toString());
  }

  @Test
  void aStackOverflowWhileReadingIsAProblemNotACrash() {
    // limits far above the defaults let the parser itself recurse until the stack runs out
    ScenarioLimits lax = new ScenarioLimits(64 << 20, Integer.MAX_VALUE, 500, 1000, 2000, 10_000, 100_000L, 5_000_000L);
    String deep = "name = x\na = " + "[".repeat(2_000_000) + "\n";
    List<String> problems = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(deep, "deep.conf", lax)).problems();
    assertTrue(problems.get(0).startsWith("deep.conf:"), problems.toString());
  }

  @Test
  void limitsAreTheOperatorsToRaise() {
    ScenarioLimits tight = new ScenarioLimits(1 << 20, 32, 500, 1, 2000, 10_000, 100_000L, 5_000_000L);
    List<String> problems = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(VALID, "s.conf", tight)).problems();
    assertTrue(problems.stream().anyMatch(p -> p.contains("lists 2 seeds; at most 1 are accepted (pathlab.scenario-limits.max-seeds)")),
        problems.toString());
  }

  /** Issue R, Observed 13: thousands of unknown keys get a short answer, not one of megabytes. */
  @Test
  void thousandsOfProblemsAreCutToAReadableAnswer() {
    StringBuilder text = new StringBuilder("name = x\ndataset { name = fashion-mnist }\narms = [{ name = b, path = baseline }]\nseeds = [1]\n");
    for (int i = 0; i < 5_000; i++) text.append("unknown-key-").append(i).append(" = 1\n");
    ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
        () -> ScenarioParser.parse(text.toString(), "many.conf"));
    org.junit.jupiter.api.Assertions.assertEquals(ScenarioException.MAX_PROBLEMS + 1, e.problems().size());
    org.junit.jupiter.api.Assertions.assertTrue(e.problems().get(ScenarioException.MAX_PROBLEMS).startsWith("… and 4950 more problems"),
        e.problems().get(ScenarioException.MAX_PROBLEMS));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().length() < 20_000, "a short answer: " + e.getMessage().length());
  }

  /** Issue R, Observed 5: a note through the API is held to the same rule as a scenario's strings. */
  @Test
  void notesWithControlCharactersAreRefusedNamingTheCodePoint() {
    for (String note : new String[] {"ok\u001b]0;X\u0007", "a\nforged", "x\u009b31m", "\u202egnp.exe"}) {
      String problem = Tags.noteProblem(note);
      org.junit.jupiter.api.Assertions.assertNotNull(problem, note);
      org.junit.jupiter.api.Assertions.assertTrue(problem.startsWith("holds the control character U+"), problem);
    }
    org.junit.jupiter.api.Assertions.assertNull(Tags.noteProblem("a plain note, with ünïcode — fine"));
  }
}
