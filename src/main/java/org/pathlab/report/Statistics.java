package org.pathlab.report;

import java.util.List;

/** Sample statistics; {@code null} where the sample is too small to say anything. */
final class Statistics {

  private Statistics() {}

  static Double mean(List<Double> xs) {
    if (xs.isEmpty()) return null;
    double sum = 0;
    for (double x : xs) sum += x;
    return sum / xs.size();
  }

  /** Sample standard deviation (n − 1); needs two values. */
  static Double sd(List<Double> xs) {
    if (xs.size() < 2) return null;
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) ss += (x - m) * (x - m);
    return Math.sqrt(ss / (xs.size() - 1));
  }
}
