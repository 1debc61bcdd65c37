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
      // the axis covers every dot and every violin's whole outline (a violin reaches past its data)
      double[] extent = violinExtent(losses(a));
      for (double v : losses(a)) {
        lo = Math.min(lo, Math.min(v, extent[0]));
        hi = Math.max(hi, Math.max(v, extent[1]));
      }
      if (a.baseline()) baselineMean = a.meanLoss();
    }
    int width = Math.max(560, LEFT + RIGHT + ARM_WIDTH * Math.max(1, arms.size()));
    int armWidth = (width - LEFT - RIGHT) / Math.max(1, arms.size());
    int height = TOP + PLOT_HEIGHT + BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(open(width, height));
    svg.append(title(12, 22, width, "Final test loss on clean images — ", r.scenario(), " (" + r.experimentId() + ")"));
    if (lo > hi) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no finished runs yet</text>%n", LEFT, TOP + PLOT_HEIGHT / 2));
      return svg.append("</svg>\n").toString();
    }
    double pad = Math.max((hi - lo) * 0.04, 1e-3);
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

  /** Silverman's bandwidth for the violin's density, never zero. */
  private static double bandwidth(List<Double> values) {
    double sd = Statistics.sd(values);
    double range = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
        - values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    return 1.06 * Math.max(sd, range / 4 + 1e-9) * Math.pow(values.size(), -0.2);
  }

  /**
   * {from, to}: the loss range a violin of {@code values} is drawn over — like seaborn's, a little
   * beyond the data (1.5 bandwidths), not out to thin tails; the data's own range with fewer than two values.
   */
  static double[] violinExtent(List<Double> values) {
    if (values.isEmpty()) return new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    if (values.size() < 2) return new double[] {min, max};
    double h = bandwidth(values);
    return new double[] {min - 1.5 * h, max + 1.5 * h};
  }

  /** The root element: its size is the drawing's, and it scales to whatever holds it (viewBox). */
  static String open(int width, int height) {
    return String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "preserveAspectRatio=\"xMidYMin meet\" font-family=\"sans-serif\" font-size=\"11\">%n"
            + "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
        width, height, width, height, width, height);
  }

  /** The widest a 14-pixel sans-serif character is taken to be: titles are fitted with it, never cut by the edge. */
  static final double TITLE_CHAR = 7.5;

  /**
   * A title {@code head + name + tail} at 14 pixels that fits between {@code x} and the figure's
   * right edge: where it would not, {@code name} is shortened in the middle with "…"; the whole
   * title is the element's tooltip.
   */
  static String title(int x, int y, int width, String head, String name, String tail) {
    String full = head + name + tail;
    int room = (int) ((width - x - 8) / TITLE_CHAR);
    String shown = full;
    if (full.length() > room) {
      int keep = Math.max(4, room - head.length() - tail.length() - 1);
      shown = head + (name.length() > keep ? name.substring(0, (keep + 1) / 2) + "…" + name.substring(name.length() - keep / 2) : name)
          + tail;
    }
    return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\"><title>%s</title>%s</text>%n", x, y, xml(full),
        xml(shown));
  }

  /** A Gaussian kernel density (Silverman's bandwidth), mirrored around the arm's center. */
  static void violin(StringBuilder svg, List<Double> values, double cx, Axis y, double maxHalfWidth) {
    if (values.size() < 2) return;
    double h = bandwidth(values);
    int points = 48;
    double[] extent = violinExtent(values);
    double from = Math.max(y.min(), extent[0]);
    double to = Math.min(y.max(), extent[1]);
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
