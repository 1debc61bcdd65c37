package org.pathlab.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rungs as a figure (SVG): one column per rung, one dot per path that completed it at its
 * search-phase score, a line joining a promoted path's dots; the selected path (the confirmation's first) in colour.
 */
public final class RungFigure {

  private static final int W = 640;
  private static final int H = 400;
  private static final int LEFT = 70;
  private static final int RIGHT = 30;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private RungFigure() {}

  public static String render(SearchReport r) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (SearchReport.Rung rung : r.rungs()) {
      for (SearchReport.Entry e : rung.entries()) {
        if (e.score() >= JobResult.FAILED) continue;
        lo = Math.min(lo, e.score());
        hi = Math.max(hi, e.score());
      }
    }
    if (!(lo <= hi)) {
      lo = -0.1;
      hi = 0.1;
    }
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
    double pad = (hi - lo) * 0.05 + 1e-9;
    lo -= pad;
    hi += pad;
    int columns = Math.max(1, r.rungs().size());
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
        + "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", W, H));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s: search-phase score per rung (lower is better; "
        + "not results)</text>%n", LEFT, escape(r.searchId())));
    double zero = y(0, lo, hi);
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n"
        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#666\">baseline 0</text>%n", LEFT, W - RIGHT, zero, zero, LEFT - 4, zero + 4));
    for (double v : new double[] {lo + pad, hi - pad}) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%+.3f</text>%n", LEFT - 4, y(v, lo, hi) + 4, v));
    }
    String winner = r.confirmation().stream().filter(c -> c.role().equals("winner 1")).map(SearchReport.Confirmed::arm).findFirst()
        .orElse(null);
    Map<String, double[]> last = new HashMap<>();
    List<String> dots = new ArrayList<>();
    for (int c = 0; c < r.rungs().size(); c++) {
      SearchReport.Rung rung = r.rungs().get(c);
      double x = LEFT + (W - LEFT - RIGHT) * (c + 0.5) / columns;
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">rung %d (%d seeds, %d paths)</text>%n", x,
          H - BOTTOM + 20, rung.rung(), rung.seeds(), rung.entries().size()));
      for (SearchReport.Entry e : rung.entries()) {
        if (e.score() >= JobResult.FAILED) continue;
        double yy = y(e.score(), lo, hi);
        boolean won = e.path().equals(winner);
        double[] before = last.put(e.path(), new double[] {x, yy});
        if (before != null) {
          b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
              before[0], before[1], x, yy, won ? "#d62728" : "#9ecae1", won ? "2" : "1"));
        }
        dots.add(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"><title>%s: %+.4f</title></circle>%n", x, yy,
            won ? "5" : "3", won ? "#d62728" : "#1f77b4", escape(e.path()), e.score()));
      }
    }
    dots.forEach(b::append);
    if (winner != null) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#d62728\">red: the selected path, %s (the confirmation on fresh seeds is the result)</text>%n", LEFT, H - 12,
          escape(winner)));
    }
    return b.append("</svg>\n").toString();
  }

  private static double y(double v, double lo, double hi) {
    return TOP + (H - TOP - BOTTOM) * (hi - v) / (hi - lo);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
