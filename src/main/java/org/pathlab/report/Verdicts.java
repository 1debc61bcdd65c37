package org.pathlab.report;

import java.util.Locale;
import org.pathlab.scenario.Metric;

/**
 * The plain verdicts of a report: an arm against the baseline, a control or another arm, on the
 * scenario's metric, by the test of the design its data allow ({@link Contrast}), Holm-adjusted at
 * {@link #ALPHA}; then whether the other metric agrees.
 */
final class Verdicts {

  /** The significance level of the verdicts (applied to Holm-adjusted p-values). */
  static final double ALPHA = Power.ALPHA;

  private Verdicts() {}

  /**
   * What a verdict rests on: finished seeds on both sides, how many of those runs the epoch cap
   * stopped, the contrast on the verdict's metric and how many arms Holm's adjustment covers, and
   * the detectable gap against the scenario's threshold.
   */
  record Outcome(Metric metric, Contrast contrast, int capped, int referenceCapped, int comparisons, Double detectable,
      Double threshold) {}

  /**
   * The verdict against {@code reference} ("the baseline", "arm X", "the same arm of experiment
   * Y"). A run whose task the epoch cap stopped says something about the budget, not the path, so
   * any such run on either side makes the verdict "inconclusive: training budget" whatever the test
   * says; then come the cases with no test; then the design's test with Holm's adjustment.
   */
  static String verdict(Outcome o, String reference) {
    Contrast c = o.contrast();
    if (c.n() < 2 || c.referenceN() < 2) {
      return String.format(Locale.ROOT, "too few finished seeds to test (%d here, %d in " + reference + "; need 2 each)",
          c.n(), c.referenceN());
    }
    if (o.capped() > 0 || o.referenceCapped() > 0) {
      return String.format(Locale.ROOT, "inconclusive: training budget (%d of %d runs here and %d of %d in " + reference + " "
          + "had a task stopped by max-epochs while its validation loss still improved; raise max-epochs)",
          o.capped(), c.n(), o.referenceCapped(), c.referenceN());
    }
    if (c.undefined()) {
      return c.paired()
          ? "undefined: every seed's run here differs from its pair in " + reference + " by the same " + o.metric().label()
              + ", so the paired test has no variance to judge the difference by"
          : "undefined: every seed gave the same " + o.metric().label() + " in this arm and in " + reference
              + ", so Welch's test has no variance to judge the gap by";
    }
    String design = c.paired() ? String.format(Locale.ROOT, "paired by seed, %d pairs", c.n()) : "unpaired, " + c.designReason();
    String p = String.format(Locale.ROOT, "%s; %s = %.3g, Holm-adjusted over %d %s: %.3g", design, c.test(), c.p(),
        o.comparisons(), o.comparisons() == 1 ? "arm" : "arms", c.holmP());
    if (c.paired() && c.welchP() != null) p += String.format(Locale.ROOT, "; unpaired Welch p = %.3g", c.welchP());
    String caution = Math.min(c.n(), c.referenceN()) < 5
        ? String.format(Locale.ROOT, "; small samples (%d vs %d seeds)", c.n(), c.referenceN()) : "";
    if (c.holmP() < ALPHA) {
      return direction(o.metric(), c.difference(), reference) + " in " + o.metric().label() + " (" + p + caution + ")";
    }
    String power = o.threshold() != null && o.detectable() != null && o.detectable() > o.threshold()
        ? String.format(Locale.ROOT, "; these seeds detect only gaps ≥ %.3g, not the scenario's detectable-gap %.3g",
            o.detectable(), o.threshold())
        : "";
    return "no significant difference from " + reference + " in " + o.metric().label() + " (" + p + caution + power + ")";
  }

  /** "worse than the baseline" or "better than the baseline", by the metric's sense. */
  static String direction(Metric metric, double difference, String reference) {
    return (worse(metric, difference) ? "worse than " : "better than ") + reference;
  }

  private static boolean worse(Metric metric, double difference) {
    return metric.lowerIsBetter() ? difference > 0 : difference < 0;
  }

  /**
   * Whether the other metric agrees with the verdict's: the same direction and significant after
   * Holm (agrees), the same direction without significance, the other direction, or no test.
   */
  static String agreement(Metric metric, Contrast primary, Contrast other) {
    Metric second = metric.other();
    if (other == null || other.holmP() == null || other.difference() == null) {
      return second.label() + ": no test (no variance)";
    }
    String numbers = String.format(Locale.ROOT, "%s, %s Holm-adjusted %.3g",
        second == Metric.TEST_ACCURACY ? percentagePoints(other.difference()) : Fixed.signed(other.difference(), 4), other.test(),
        other.holmP());
    boolean significant = other.holmP() < ALPHA;
    String otherWay = worse(second, other.difference()) ? "worse" : "better";
    boolean primarySignificant = primary != null && primary.holmP() != null && primary.holmP() < ALPHA;
    if (!primarySignificant) {
      return second.label() + (significant ? " does differ: " + otherWay + " (" : " shows no significant difference either (")
          + numbers + ")";
    }
    boolean sameWay = worse(second, other.difference()) == worse(metric, primary.difference());
    if (sameWay) {
      return second.label() + (significant ? " agrees (" : " points the same way, not significantly (") + numbers + ")";
    }
    return second.label() + (significant ? " disagrees: " + otherWay + " (" : " points the other way, not significantly (")
        + numbers + ")";
  }

  /** An accuracy difference in percentage points: −0.37 pp. */
  static String percentagePoints(double difference) {
    return Fixed.signed(100 * difference, 2) + " pp";
  }
}
