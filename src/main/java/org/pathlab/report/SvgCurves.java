package org.pathlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Learning curves: per arm, the validation loss of every epoch along its path (tasks one after the
 * other, each on its own task's validation images), averaged over the finished seeds. Ticks on a
 * curve mark where a new task starts.
 */
public final class SvgCurves {

  private static final int WIDTH = 640;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 48;
  private static final int PLOT = 300;
  private static final String[] COLORS = {
    "#333333", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf"
  };

  private SvgCurves() {}

  public static String render(Report r) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int longest = 1;
    for (Report.ArmSummary a : r.arms()) {
      int n = 0;
      for (List<Double> task : a.meanValidationCurves()) {
        for (double v : task) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        n += task.size();
      }
      longest = Math.max(longest, n);
    }
    int height = TOP + PLOT + 50;
    StringBuilder svg = new StringBuilder(SvgFigure.open(WIDTH, height))
        .append(SvgFigure.title(12, 22, WIDTH, "Validation loss along each path — ", r.scenario(), ""));
    if (lo > hi) return svg.append("</svg>\n").toString();
    double pad = Math.max((hi - lo) * 0.08, 1e-3);
    double min = lo - pad;
    double max = hi + pad;
    int plotWidth = WIDTH - LEFT - RIGHT;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, TOP, LEFT, TOP + PLOT));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
        LEFT, TOP + PLOT, LEFT + plotWidth, TOP + PLOT));
    for (int k = 0; k <= 4; k++) {
      double v = min + (max - min) * k / 4;
      double y = TOP + PLOT - (v - min) / (max - min) * PLOT;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3f</text>%n", LEFT - 6, y + 4, v));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">epoch along the path</text>%n",
        LEFT + plotWidth / 2, TOP + PLOT + 30));
    for (int i = 0; i < r.arms().size(); i++) {
      Report.ArmSummary a = r.arms().get(i);
      String color = COLORS[i % COLORS.length];
      List<String> points = new ArrayList<>();
      int x = 0;
      for (List<Double> task : a.meanValidationCurves()) {
        for (int e = 0; e < task.size(); e++, x++) {
          double px = LEFT + (x + 0.5) * plotWidth / longest;
          double py = TOP + PLOT - (task.get(e) - min) / (max - min) * PLOT;
          points.add(Fixed.of(px, 1) + "," + Fixed.of(py, 1));
          if (e == 0 && x > 0) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                px, py - 6, px, py + 6, color));
          }
        }
      }
      if (!points.isEmpty()) {
        svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\" points=\"")
            .append(String.join(" ", points)).append("\"/>\n");
      }
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
              + "<text x=\"%d\" y=\"%d\">%s</text>%n",
          WIDTH - RIGHT + 14, TOP + 8 + 16 * i, color, WIDTH - RIGHT + 30, TOP + 12 + 16 * i, xml(a.arm())));
    }
    return svg.append("</svg>\n").toString();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
