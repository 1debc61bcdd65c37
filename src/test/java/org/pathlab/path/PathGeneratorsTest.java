package org.pathlab.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathGeneratorsTest {

  private static double[] levels(List<Task> tasks, String transform) {
    return tasks.stream().mapToDouble(t -> t.level(transform)).toArray();
  }

  @Test
  void baselineIsTheTargetAlone() {
    assertEquals(List.of(Task.target()), PathGenerators.baseline());
  }

  @Test
  void jumpIsSourceThenTarget() {
    List<Task> tasks = PathGenerators.jump("blur");
    assertEquals(2, tasks.size());
    assertArrayEquals(new double[] {1, 0}, levels(tasks, "blur"));
    assertTrue(tasks.get(1).isTarget());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 6, 10})
  void discretizeHasNEvenlySpacedLevelsFromOneToZero(int n) {
    List<Task> tasks = PathGenerators.discretize("contrast", n);
    assertEquals(n, tasks.size());
    double[] l = levels(tasks, "contrast");
    assertEquals(1.0, l[0]);
    assertEquals(0.0, l[n - 1]);
    for (int i = 1; i < n; i++) assertEquals(1.0 / (n - 1), l[i - 1] - l[i], 1e-12);
    assertTrue(tasks.get(n - 1).isTarget());
  }

  @Test
  void discretizeFourIsOneTwoThirdsOneThirdZero() {
    assertArrayEquals(new double[] {1, 2.0 / 3, 1.0 / 3, 0}, levels(PathGenerators.discretize("blur", 4), "blur"), 1e-15);
  }

  @Test
  void aThenBLowersAFirstThenB() {
    List<Task> tasks = PathGenerators.aThenB("blur", "contrast", 3);
    assertEquals(5, tasks.size(), "2N − 1 tasks");
    assertArrayEquals(new double[] {1, 0.5, 0, 0, 0}, levels(tasks, "blur"));
    assertArrayEquals(new double[] {1, 1, 1, 0.5, 0}, levels(tasks, "contrast"));
    assertTrue(tasks.get(4).isTarget());
  }

  @Test
  void bThenAIsAThenBWithTheRolesSwapped() {
    List<Task> tasks = PathGenerators.aThenB("contrast", "blur", 3);
    assertArrayEquals(new double[] {1, 1, 1, 0.5, 0}, levels(tasks, "blur"));
    assertArrayEquals(new double[] {1, 0.5, 0, 0, 0}, levels(tasks, "contrast"));
  }

  @Test
  void diagonalLowersBothTogether() {
    List<Task> tasks = PathGenerators.diagonal("blur", "shift", 4);
    assertEquals(4, tasks.size());
    assertArrayEquals(levels(tasks, "blur"), levels(tasks, "shift"));
    assertArrayEquals(new double[] {1, 2.0 / 3, 1.0 / 3, 0}, levels(tasks, "blur"), 1e-15);
  }

  @Test
  void fewerThanTwoTasksIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PathGenerators.discretize("blur", 1));
  }

  @Test
  void tasksAreCanonical() {
    assertEquals(Task.target(), Task.of("blur", 0.0));
    assertEquals(Task.of(java.util.Map.of("blur", 0.5, "contrast", 1.0)), Task.of(java.util.Map.of("contrast", 1.0, "blur", 0.5)));
    assertThrows(IllegalArgumentException.class, () -> new LearningPath(List.of(new Step(Task.of("blur", 1), LearningProcess.paperDefaults()))));
  }
}
