package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paper's figure style (figs. 3, 4, 6): per arm a violin of the final target test losses with
 * one dot per seed (a swarm, colored by seed), and the baseline's mean as a dotted line.
 */
public final class SvgFigure {

  private static final int ARM_WIDTH = 110;
  private static final int LEFT = 70;
  private static final int RIGHT = 24;
  private static final int TOP = 48;
  private static final int PLOT_HEIGHT = 300;
  private static final int BOTTOM = 130;
  private static final double DOT = 4.5;
  private static final String[] SEED_COLORS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
  };

  private SvgFigure() {}

  public static String render(Report r) {
    List<Report.ArmSummary> arms = r.arms();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    Double baselineMean = null;
    for (Report.ArmSummary a : arms) {
      for (double v : losses(a)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (a.baseline()) baselineMean = a.meanLoss();
    }
    int width = Math.max(560, LEFT + RIGHT + ARM_WIDTH * Math.max(1, arms.size()));
    int armWidth = (width - LEFT - RIGHT) / Math.max(1, arms.size());
    int height = TOP + PLOT_HEIGHT + BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
        width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT,
        xml("Final test loss on clean images — " + r.scenario() + " (" + r.experimentId() + ")")));
    if (lo > hi) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no finished runs yet</text>%n", LEFT, TOP + PLOT_HEIGHT / 2));
      return svg.append("</svg>\n").toString();
    }
    double pad = Math.max((hi - lo) * 0.12, 1e-3);
    Axis y = new Axis(lo - pad, hi + pad, TOP, TOP + PLOT_HEIGHT);
    axes(svg, y, width);
    for (int i = 0; i < arms.size(); i++) {
      Report.ArmSummary a = arms.get(i);
      double cx = LEFT + armWidth * (i + 0.5);
      violin(svg, losses(a), cx, y, ARM_WIDTH * 0.38);
      swarm(svg, a, cx, y);
      svg.append(String.format(Locale.ROOT,
          "<text transform=\"translate(%.1f,%d) rotate(-35)\" text-anchor=\"end\">%s</text>%n",
          cx + 4, TOP + PLOT_HEIGHT + 16, xml(a.arm() + (a.baseline() ? " (baseline)" : ""))));
    }
    if (anyCapped(r)) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"38\" fill=\"#555\">%s</text>%n", LEFT,
          "hollow dots: runs in which max-epochs stopped a task still improving (verdict: inconclusive)"));
    }
    if (baselineMean != null) {
      double by = y.at(baselineMean);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#333\" stroke-width=\"1.2\" stroke-dasharray=\"2 3\"/>%n",
          LEFT, by, width - RIGHT, by));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\" fill=\"#333\">baseline mean</text>%n",
          width - RIGHT - 2, by - 4));
    }
    return svg.append("</svg>\n").toString();
  }

  record Axis(double min, double max, double top, double bottom) {
    double at(double v) {
      return bottom - (v - min) / (max - min) * (bottom - top);
    }
  }

  private static void axes(StringBuilder svg, Axis y, int width) {
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
        LEFT, y.top(), LEFT, y.bottom()));
    double step = niceStep((y.max() - y.min()) / 5);
    for (double t = Math.ceil(y.min() / step) * step; t <= y.max(); t += step) {
      double py = y.at(t);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#e6e6e6\"/>"
              + "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n",
          LEFT, py, width - RIGHT, py, LEFT - 6, py + 4, tick(t, step)));
    }
    svg.append(String.format(Locale.ROOT,
        "<text transform=\"translate(18,%.1f) rotate(-90)\" text-anchor=\"middle\">test loss (clean images)</text>%n",
        (y.top() + y.bottom()) / 2));
  }

  /** A Gaussian kernel density (Silverman's bandwidth), mirrored around the arm's center. */
  static void violin(StringBuilder svg, List<Double> values, double cx, Axis y, double maxHalfWidth) {
    if (values.size() < 2) return;
    double sd = Statistics.sd(values);
    double range = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
        - values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double h = 1.06 * Math.max(sd, range / 4 + 1e-9) * Math.pow(values.size(), -0.2);
    int points = 48;
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    // like seaborn's violins: the density drawn a little beyond the data, not out to thin tails
    double from = Math.max(y.min(), min - 1.5 * h);
    double to = Math.min(y.max(), max + 1.5 * h);
    double[] density = new double[points + 1];
    double peak = 0;
    for (int k = 0; k <= points; k++) {
      double v = from + (to - from) * k / points;
      double d = 0;
      for (double x : values) d += Math.exp(-0.5 * Math.pow((v - x) / h, 2));
      density[k] = d;
      peak = Math.max(peak, d);
    }
    List<String> right = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (int k = 0; k <= points; k++) {
      double v = from + (to - from) * k / points;
      double half = density[k] / peak * maxHalfWidth;
      right.add(Fixed.of(cx + half, 2) + "," + Fixed.of(y.at(v), 2));
      left.add(0, Fixed.of(cx - half, 2) + "," + Fixed.of(y.at(v), 2));
    }
    right.addAll(left);
    svg.append("<polygon points=\"").append(String.join(" ", right))
        .append("\" fill=\"#dde3ea\" stroke=\"#8a9bb0\" stroke-width=\"1\"/>\n");
  }

  /** Dots placed at their value, pushed sideways just enough not to overlap (a beeswarm). */
  static void swarm(StringBuilder svg, Report.ArmSummary a, double cx, Axis y) {
    List<double[]> placed = new ArrayList<>();
    int seedIndex = 0;
    for (Report.SeedResult s : a.seeds()) {
      String color = SEED_COLORS[seedIndex++ % SEED_COLORS.length];
      if (s.targetTestLoss() == null) continue;
      double py = y.at(s.targetTestLoss());
      double px = cx;
      for (int k = 1; overlaps(placed, px, py); k++) {
        px = cx + (k % 2 == 1 ? 1 : -1) * ((k + 1) / 2) * DOT * 2.1;
      }
      placed.add(new double[] {px, py});
      if (s.converged()) {
        svg.append(String.format(Locale.ROOT,
            "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\" fill=\"%s\" stroke=\"white\" stroke-width=\"0.8\"><title>seed %d: %.4f</title></circle>%n",
            px, py, DOT, color, s.seed(), s.targetTestLoss()));
      } else {
        // hollow: the epoch cap, not early stopping, ended one of this run's tasks
        svg.append(String.format(Locale.ROOT,
            "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\" fill=\"white\" stroke=\"%s\" stroke-width=\"1.6\"><title>seed %d: %.4f "
                + "(max-epochs stopped a task still improving)</title></circle>%n",
            px, py, DOT - 0.6, color, s.seed(), s.targetTestLoss()));
      }
    }
  }

  private static boolean overlaps(List<double[]> placed, double x, double y) {
    for (double[] p : placed) {
      if (Math.hypot(p[0] - x, p[1] - y) < DOT * 2) return true;
    }
    return false;
  }

  /** True when a finished run of any arm had a task stopped by the epoch cap. */
  static boolean anyCapped(Report r) {
    return r.arms().stream().flatMap(a -> a.seeds().stream()).anyMatch(s -> s.targetTestLoss() != null && !s.converged());
  }

  static List<Double> losses(Report.ArmSummary a) {
    List<Double> values = new ArrayList<>();
    for (Report.SeedResult s : a.seeds()) {
      if (s.targetTestLoss() != null) values.add(s.targetTestLoss());
    }
    return values;
  }

  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
  }

  static String tick(double t, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step)) + (step / Math.pow(10, Math.floor(Math.log10(step))) == 1 ? 0 : 0));
    return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(t) < step / 1e6 ? 0.0 : t);
  }

  static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
