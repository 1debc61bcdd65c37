package org.pathlab.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the task sequences of learning paths, as the paper's experiments use them. Every
 * sequence ends on the clean target task; learning processes are attached by the scenario.
 */
public final class PathGenerators {

  public static final String BASELINE = "baseline";
  public static final String JUMP = "jump";
  public static final String DISCRETIZE = "discretize";
  public static final String A_THEN_B = "a-then-b";
  public static final String B_THEN_A = "b-then-a";
  public static final String DIAGONAL = "diagonal";
  public static final String EXPLICIT = "explicit";
  public static final String REPEAT = "repeat";
  public static final List<String> NAMES = List.of(BASELINE, JUMP, DISCRETIZE, A_THEN_B, B_THEN_A, DIAGONAL, EXPLICIT, REPEAT);
  public static final List<String> TWO_D = List.of(A_THEN_B, B_THEN_A, DIAGONAL);

  private PathGenerators() {}

  /** The target task alone: what every other arm is compared with. */
  public static List<Task> baseline() {
    return List.of(Task.target());
  }

  /**
   * The clean target task {@code n} times: a control for training length. Each task is a new
   * learning process (SGD restarted, early stopping afresh), as along an n-task curriculum, but
   * without the curriculum: what an n-step path gains or loses from its tasks alone is the
   * difference to this path.
   */
  public static List<Task> repeat(int n) {
    if (n < 2) throw new IllegalArgumentException("a repeat path needs N ≥ 2 tasks (N = 1 is the baseline), got " + n);
    return java.util.Collections.nCopies(n, Task.target());
  }

  /** Source (level 1) then target: the paper's N = 2. */
  public static List<Task> jump(String transform) {
    return discretize(transform, 2);
  }

  /** {@code n} tasks with levels evenly spaced from 1 down to 0: 1, (n−2)/(n−1), …, 0. */
  public static List<Task> discretize(String transform, int n) {
    List<Task> tasks = new ArrayList<>();
    for (double level : levels(n)) tasks.add(Task.of(transform, level));
    return tasks;
  }

  /**
   * Both transforms start at level 1; {@code a} is lowered to 0 in n − 1 evenly spaced steps with
   * {@code b} held at 1, then {@code b} is lowered the same way: 2n − 1 tasks (fig. 5, "A then B").
   */
  public static List<Task> aThenB(String a, String b, int n) {
    List<Task> tasks = new ArrayList<>();
    double[] levels = levels(n);
    for (double l : levels) tasks.add(Task.of(Map.of(a, l, b, 1.0)));
    for (int i = 1; i < n; i++) tasks.add(Task.of(Map.of(a, 0.0, b, levels[i])));
    return tasks;
  }

  /** Both transforms lowered together: n tasks with levels (l, l), l evenly spaced from 1 to 0. */
  public static List<Task> diagonal(String a, String b, int n) {
    List<Task> tasks = new ArrayList<>();
    for (double l : levels(n)) tasks.add(Task.of(Map.of(a, l, b, l)));
    return tasks;
  }

  /** 1, (n−2)/(n−1), …, 1/(n−1), 0; exact at both ends. */
  public static double[] levels(int n) {
    if (n < 2) throw new IllegalArgumentException("a path needs N ≥ 2 tasks (source and target), got " + n);
    double[] levels = new double[n];
    for (int i = 0; i < n; i++) levels[i] = (double) (n - 1 - i) / (n - 1);
    return levels;
  }
}
