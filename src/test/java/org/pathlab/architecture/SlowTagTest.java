package org.pathlab.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every test that starts a whole daemon (in this JVM or as a process) is tagged {@code slow}, so
 * the fast suite ({@code mvn test -Pfast}) stays unit and actor tests.
 */
class SlowTagTest {

  /** What starts a daemon: the daemon itself, and the test helpers that start one. */
  static final Set<String> DAEMON_STARTERS = Set.of(
      "org.pathlab.daemon.Daemon", "org.pathlab.testing.TestDaemons", "org.pathlab.testing.DaemonProcess");

  /** Where the check's own example of a wrong class lives: skipped when the whole test code is checked. */
  private static final String FIXTURE = "org.pathlab.architecture.fixture";

  /** Top-level test classes that use a daemon starter and are not tagged slow. */
  static List<String> untagged(JavaClasses classes, String skipped) {
    Set<String> found = new TreeSet<>();
    for (JavaClass c : classes) {
      if (c.getPackageName().startsWith("org.pathlab.testing") || c.getPackageName().equals(skipped)) continue;
      // calls, not mentions: this test names the starters without starting anything
      boolean starts = c.getAccessesFromSelf().stream()
          .anyMatch(a -> DAEMON_STARTERS.contains(a.getTargetOwner().getName()));
      if (!starts) continue;
      JavaClass top = c;
      while (top.getEnclosingClass().isPresent()) top = top.getEnclosingClass().get();
      boolean slow = top.tryGetAnnotationOfType(Tag.class).map(t -> t.value().equals("slow")).orElse(false);
      if (!slow) found.add(top.getName());
    }
    return List.copyOf(found);
  }

  @Test
  void everyTestThatStartsADaemonIsTaggedSlow() {
    JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .importPackages("org.pathlab");
    List<String> wrong = untagged(tests, FIXTURE);
    assertTrue(wrong.isEmpty(), "tests that start a daemon without @Tag(\"slow\"): " + wrong);
  }

  /** The check can fail: a test class using the daemon without the tag is caught. */
  @Test
  void anUntaggedDaemonTestIsCaught() {
    JavaClasses one = new ClassFileImporter().importClasses(
        org.pathlab.architecture.fixture.UntaggedDaemonUser.class, org.pathlab.testing.TestDaemons.class);
    assertEquals(List.of(org.pathlab.architecture.fixture.UntaggedDaemonUser.class.getName()), untagged(one, ""));
  }
}
