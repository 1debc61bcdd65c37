package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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
