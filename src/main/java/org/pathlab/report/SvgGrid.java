package org.pathlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's fig. 5 for 2-D paths: one row per pair of transforms, one column per order (first
 * transform lowered first, second first, both together), and in each cell a violin with its seed
 * dots per discretization N, the baseline mean dotted across, and an inset drawing the path of the
 * cell's finest N in the plane of the two transforms' levels (fig. 5, left).
 */
public final class SvgGrid {

  private static final int LEFT = 96;
  private static final int TOP = 56;
  private static final int RIGHT = 20;
  private static final int COLUMN_GAP = 18;
  private static final int HEADER = 60;
  private static final int PLOT = 190;
  private static final int ROW_HEIGHT = HEADER + PLOT + 40;
  private static final int SLOT = 64;
  private static final int INSET = 46;

  private SvgGrid() {}

  /** True when the report has an arm on a 2-D path: only then is there a grid to draw. */
  public static boolean applies(Report r) {
    return r.arms().stream().anyMatch(a -> a.shape() != null);
  }

  public static String render(Report r) {
    // rows: pairs of transforms in the order their first arm appears; cells: arms by N
    Map<String, Map<String, List<Report.ArmSummary>>> rows = new LinkedHashMap<>();
    Double baselineMean = null;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int slots = 1;
    for (Report.ArmSummary a : r.arms()) {
      if (a.baseline()) baselineMean = a.meanLoss();
      if (a.shape() == null && !a.baseline()) continue;
      double[] extent = SvgFigure.violinExtent(SvgFigure.losses(a)); // the axis covers each violin's whole outline
      for (double v : SvgFigure.losses(a)) {
        lo = Math.min(lo, Math.min(v, extent[0]));
        hi = Math.max(hi, Math.max(v, extent[1]));
      }
      if (a.shape() == null) continue;
      Map<String, List<Report.ArmSummary>> row = rows.computeIfAbsent(a.shape().pair(), k -> {
        Map<String, List<Report.ArmSummary>> cells = new LinkedHashMap<>();
        for (String order : a.shape().orders()) cells.put(order, new ArrayList<>());
        return cells;
      });
      List<Report.ArmSummary> cell = row.get(a.shape().order());
      cell.add(a);
      slots = Math.max(slots, cell.size());
    }
    for (Map<String, List<Report.ArmSummary>> row : rows.values()) {
      for (List<Report.ArmSummary> cell : row.values()) cell.sort(Comparator.comparingInt(a -> a.shape().steps()));
    }
    int cellWidth = Math.max(200, SLOT * slots + 24);
    int width = LEFT + 3 * cellWidth + 2 * COLUMN_GAP + RIGHT;
    int height = TOP + rows.size() * ROW_HEIGHT;
    StringBuilder svg = new StringBuilder();
    svg.append(SvgFigure.open(width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT,
        "2-D paths: final test loss on clean images by discretization N"));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"40\" fill=\"#555\">%s</text>%n", LEFT,
        SvgFigure.xml(r.scenario() + " (" + r.experimentId() + ") · dotted: baseline mean · inset: the path from (1, 1) to the target (0, 0)")));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"53\" fill=\"#555\" font-size=\"10\">%s</text>%n", LEFT,
        "under each N: tasks per run and mean epochs per run (ordered paths have 2N − 1 tasks, the diagonal N)"));
    if (lo > hi) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no finished runs yet</text>%n", LEFT, TOP + ROW_HEIGHT / 2));
      return svg.append("</svg>\n").toString();
    }
    if (baselineMean != null) {
      lo = Math.min(lo, baselineMean);
      hi = Math.max(hi, baselineMean);
    }
    double pad = Math.max((hi - lo) * 0.04, 1e-3);
    int rowIndex = 0;
    for (Map.Entry<String, Map<String, List<Report.ArmSummary>>> row : rows.entrySet()) {
      int top = TOP + rowIndex++ * ROW_HEIGHT;
      SvgFigure.Axis y = new SvgFigure.Axis(lo - pad, hi + pad, top + HEADER, top + HEADER + PLOT);
      svg.append(String.format(Locale.ROOT,
          "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">%s</text>%n",
          top + HEADER + PLOT / 2, SvgFigure.xml(row.getKey())));
      svg.append(String.format(Locale.ROOT,
          "<text transform=\"translate(34,%d) rotate(-90)\" text-anchor=\"middle\">test loss</text>%n", top + HEADER + PLOT / 2));
      int column = 0;
      for (Map.Entry<String, List<Report.ArmSummary>> cell : row.getValue().entrySet()) {
        int x0 = LEFT + column++ * (cellWidth + COLUMN_GAP);
        cell(svg, cell.getKey(), cell.getValue(), x0, top, cellWidth, y, baselineMean, column == 1);
      }
    }
    return svg.append("</svg>\n").toString();
  }

  private static void cell(StringBuilder svg, String order, List<Report.ArmSummary> arms, int x0, int top, int width,
      SvgFigure.Axis y, Double baselineMean, boolean ticks) {
    int x1 = x0 + width;
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n", x0 + 2, top + HEADER - 8,
        SvgFigure.xml(order)));
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"none\" stroke=\"#999\"/>%n",
        x0, y.top(), width, y.bottom() - y.top()));
    double step = SvgFigure.niceStep((y.max() - y.min()) / 4);
    for (double t = Math.ceil(y.min() / step) * step; t <= y.max(); t += step) {
      double py = y.at(t);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#eeeeee\"/>%n", x0, py, x1, py));
      if (ticks) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n",
            x0 - 5, py + 4, SvgFigure.tick(t, step)));
      }
    }
    if (arms.isEmpty()) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#777\">not in this experiment</text>%n",
          x0 + width / 2, (y.top() + y.bottom()) / 2));
      return;
    }
    double slot = (double) width / arms.size();
    for (int i = 0; i < arms.size(); i++) {
      Report.ArmSummary a = arms.get(i);
      double cx = x0 + slot * (i + 0.5);
      SvgFigure.violin(svg, SvgFigure.losses(a), cx, y, Math.min(slot, SLOT) * 0.38);
      SvgFigure.swarm(svg, a, cx, y);
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">N = %d</text>%n",
          cx, y.bottom() + 15, a.shape().steps()));
      // ordered paths train 2N − 1 tasks, the diagonal N: the budget belongs next to the loss
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\" fill=\"#555\">%d tasks · %s ep</text>%n",
          cx, y.bottom() + 27, a.training().tasksPerRun(),
          a.training().meanEpochs() == null ? "—" : Fixed.of(a.training().meanEpochs(), 0)));
    }
    if (baselineMean != null) {
      double by = y.at(baselineMean);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#333\" stroke-width=\"1.2\" stroke-dasharray=\"2 3\"><title>baseline mean %.4f</title></line>%n",
          x0, by, x1, by, baselineMean));
    }
    // above the plot, right of the title: the path of the cell's finest N
    inset(svg, arms.get(arms.size() - 1).shape(), x1 - INSET - 2, top + HEADER - INSET - 12);
  }

  /** The path in the plane of levels: first transform across, second up; from (1, 1) to the target (0, 0). */
  private static void inset(StringBuilder svg, Report.PathShape shape, int x, int y) {
    svg.append(String.format(Locale.ROOT,
        "<g><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" stroke=\"#bbb\"/>%n", x, y, INSET, INSET));
    List<String> points = new ArrayList<>();
    for (List<Double> l : shape.levels()) {
      points.add(Fixed.of(x + 4 + l.get(0) * (INSET - 8), 1) + "," + Fixed.of(y + INSET - 4 - l.get(1) * (INSET - 8), 1));
    }
    svg.append("<polyline points=\"").append(String.join(" ", points)).append("\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\"/>\n");
    for (String p : points) {
      String[] xy = p.split(",");
      svg.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"1.8\" fill=\"#c0392b\"/>\n");
    }
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"8\" text-anchor=\"middle\">%s</text>"
            + "<text transform=\"translate(%d,%d) rotate(-90)\" font-size=\"8\" text-anchor=\"middle\">%s</text></g>%n",
        x + INSET / 2, y + INSET + 9, SvgFigure.xml(shape.first()), x - 3, y + INSET / 2, SvgFigure.xml(shape.second())));
  }
}
