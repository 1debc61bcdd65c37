package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in src/test/resources/invalid-scenarios/ is rejected, and one of the problems names
 * the line and key its first line announces ("# expect: LINE KEY").
 */
class InvalidScenariosTest {

  private static final Path DIR = Path.of("src/test/resources/invalid-scenarios");

  static Stream<Path> files() throws IOException {
    return Files.list(DIR).filter(p -> p.toString().endsWith(".conf")).sorted();
  }

  @Test
  void thereAreAtLeastThirty() throws IOException {
    assertTrue(files().count() >= 30);
  }

  @ParameterizedTest
  @MethodSource("files")
  void isRejectedNamingTheKeyAndItsLine(Path file) throws IOException {
    String text = Files.readString(file);
    String expect = text.lines().findFirst().orElseThrow();
    assertTrue(expect.startsWith("# expect: "), file + " must start with '# expect: LINE KEY'");
    String[] parts = expect.substring("# expect: ".length()).split(" ", 2);
    String origin = file.getFileName().toString();
    List<String> problems = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, origin)).problems();
    String prefix = origin + ":" + parts[0] + ": " + parts[1] + ": ";
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(prefix)), "expected a problem starting with '" + prefix + "' in " + problems);
  }
}
