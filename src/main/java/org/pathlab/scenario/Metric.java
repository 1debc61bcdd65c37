package org.pathlab.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a scenario's verdicts are about ({@code metric = test-loss | test-accuracy}): the final
 * target test loss (the paper's number, the default) or accuracy. The report tests both; the
 * verdict rests on this one and says whether the other agrees.
 */
public enum Metric {
  TEST_LOSS("test-loss", "final test loss", true),
  TEST_ACCURACY("test-accuracy", "final test accuracy", false);

  private final String id;
  private final String label;
  private final boolean lowerIsBetter;

  Metric(String id, String label, boolean lowerIsBetter) {
    this.id = id;
    this.label = label;
    this.lowerIsBetter = lowerIsBetter;
  }

  public String id() {
    return id;
  }

  /** As prose names it: "final test loss". */
  public String label() {
    return label;
  }

  /** Loss: a positive difference is worse; accuracy: a positive difference is better. */
  public boolean lowerIsBetter() {
    return lowerIsBetter;
  }

  public Metric other() {
    return this == TEST_LOSS ? TEST_ACCURACY : TEST_LOSS;
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Metric::id).toList();
  }

  public static Optional<Metric> find(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  /** The metric a plan names; the loss where it names none (journals written before the key existed). */
  public static Metric orDefault(String id) {
    return id == null ? TEST_LOSS : find(id).orElse(TEST_LOSS);
  }
}
