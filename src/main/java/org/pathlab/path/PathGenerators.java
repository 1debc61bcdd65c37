package org.pathlab.path;

import java.util.List;

/** Builds learning paths from a generator name, as the paper's experiments use them. */
public final class PathGenerators {

  public static final String BASELINE = "baseline";
  public static final String JUMP = "jump";
  public static final List<String> NAMES = List.of(BASELINE, JUMP);

  private PathGenerators() {}

  /** The target task alone: what every other arm is compared with. */
  public static LearningPath baseline(LearningProcess process) {
    return new LearningPath(List.of(new Step(Task.target(), process)));
  }

  /** Source (transform at level 1) then target (level 0): the paper's N = 2 path. */
  public static LearningPath jump(String transform, LearningProcess source, LearningProcess target) {
    return new LearningPath(
        List.of(new Step(Task.of(transform, 1.0), source), new Step(Task.target(), target)));
  }
}
