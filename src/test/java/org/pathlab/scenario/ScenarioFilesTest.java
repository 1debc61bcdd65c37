package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathlab.path.Step;

/** Every scenario shipped in scenarios/ is valid, and the paper's are at the paper's settings. */
class ScenarioFilesTest {

  static Stream<Path> files() throws IOException {
    return Files.walk(Path.of("scenarios")).filter(p -> p.toString().endsWith(".conf")).sorted();
  }

  private static Plan plan(Path file) throws IOException {
    return Plan.of(ScenarioParser.parse(Files.readString(file), file.toString()));
  }

  @ParameterizedTest
  @MethodSource("files")
  void isValid(Path file) throws IOException {
    Plan plan = plan(file);
    assertTrue(plan.runs().size() > 0);
    assertEquals(1, plan.arms().stream().filter(a -> a.baseline()).count());
  }

  @Test
  void thePapersScenariosUseThePapersSettings() throws IOException {
    try (Stream<Path> paper = Files.list(Path.of("scenarios/paper"))) {
      for (Path file : paper.toList()) {
        Plan plan = plan(file);
        assertEquals("resnet-18", plan.model(), file.toString());
        boolean discretization = file.getFileName().toString().startsWith("fig4") || file.getFileName().toString().startsWith("fig5");
        for (var run : plan.runs()) {
          for (Step s : run.path().steps()) {
            assertEquals(0.9, s.process().momentum());
            assertEquals(1e-3, s.process().weightDecay());
            assertEquals(discretization ? 100 : 200, s.process().maxEpochs(), file.toString());
            assertEquals(discretization ? 20 : 50, s.process().patience(), file.toString());
          }
        }
        long seeds = plan.runs().stream().filter(r -> !r.arm().equals("baseline")).map(r -> r.seed()).distinct().count();
        long baselineSeeds = plan.runsOf("baseline").size();
        assertEquals(discretization ? 3 : 10, seeds, file.toString());
        assertEquals(3, baselineSeeds, file.toString());
      }
    }
  }

  /**
   * In scenarios/paper/ every line that sets a value ends with a comment saying whose value it is:
   * "paper: " with where the paper states it (§N or fig. N), or "pathlab: " with why pathlab chose
   * it. Scenario and arm names and lines that only open a block or list are exempt.
   */
  @Test
  void everySettingInThePapersScenariosSaysWhetherThePaperStatesIt() throws IOException {
    Pattern paper = Pattern.compile("paper: .*(§\\d|fig\\. \\d).*");
    Pattern pathlab = Pattern.compile("pathlab: \\S.*");
    List<String> unmarked = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.list(Path.of("scenarios/paper"))) {
      for (Path file : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String[] codeAndComment = splitComment(lines.get(i));
          String code = codeAndComment[0].strip();
          long settings = code.chars().filter(c -> c == '=').count() - quotedEquals(code);
          boolean opener = code.endsWith("{") || code.endsWith("[");
          boolean onlyAName = settings == 1 && code.startsWith("name");
          if (settings == 0 || opener || onlyAName) continue;
          checked++;
          String comment = codeAndComment[1].strip();
          if (!paper.matcher(comment).matches() && !pathlab.matcher(comment).matches()) {
            unmarked.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertTrue(checked > 100, "found only " + checked + " settings");
    assertEquals(List.of(), unmarked, "say after each setting whether it is the paper's (paper: §N …) or pathlab's (pathlab: why …)");
  }

  @Test
  void theCpuSizedScenariosSayTheyAreNotThePapersSettings() throws IOException {
    List<Path> files = new ArrayList<>(Files.list(Path.of("scenarios/mini")).sorted().toList());
    files.add(Path.of("scenarios/quickstart.conf"));
    for (Path file : files) {
      String header = Files.readAllLines(file).stream().takeWhile(l -> l.startsWith("#")).collect(Collectors.joining("\n"));
      assertTrue(header.contains("pathlab's CPU-sized variant") && header.contains("not the paper's settings"), file + ":\n" + header);
    }
  }

  /** The line before its first # outside double quotes, and the comment after it. */
  private static String[] splitComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') quoted = !quoted;
      if (c == '#' && !quoted) return new String[] {line.substring(0, i), line.substring(i + 1)};
    }
    return new String[] {line, ""};
  }

  private static long quotedEquals(String code) {
    long n = 0;
    boolean quoted = false;
    for (char c : code.toCharArray()) {
      if (c == '"') quoted = !quoted;
      if (c == '=' && quoted) n++;
    }
    return n;
  }

  @Test
  void figureThreeHasThePapersFiveLearningRatePairs() throws IOException {
    Plan plan = plan(Path.of("scenarios/paper/fig3-learning-rates-cifar-10.conf"));
    Set<String> pairs = plan.arms().stream().filter(a -> !a.baseline())
        .map(a -> a.path().steps().stream().map(s -> String.valueOf(s.process().learningRate())).collect(Collectors.joining(",")))
        .collect(Collectors.toSet());
    assertEquals(Set.of("0.001,0.001", "0.002,0.002", "5.0E-4,5.0E-4", "0.001,0.002", "0.001,5.0E-4"), pairs);
  }

  @Test
  void figureSixHasTheFourBiasResetCombinations() throws IOException {
    Plan plan = plan(Path.of("scenarios/paper/fig6-bias-reset-svhn.conf"));
    Set<String> combos = plan.arms().stream().filter(a -> !a.baseline())
        .map(a -> a.path().step(0).process().biasReset() + "," + a.path().step(1).process().biasReset())
        .collect(Collectors.toSet());
    assertEquals(Set.of("false,false", "false,true", "true,false", "true,true"), combos);
    assertTrue(plan.arms().stream().anyMatch(a -> a.name().equals("BR no/yes")));
  }

  @Test
  void figureFourCoversThreeTransformsAndFiveDiscretizations() throws IOException {
    Plan plan = plan(Path.of("scenarios/paper/fig4-discretization-mnist.conf"));
    assertEquals(16, plan.arms().size());
    assertTrue(plan.arms().stream().anyMatch(a -> a.name().equals("shift N = 10") && a.path().size() == 10));
  }
}
