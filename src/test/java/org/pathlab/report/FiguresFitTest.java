package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Figures that fit: a long title is shortened, not cut by the edge; every violin lies inside the axis, none flattened. */
class FiguresFitTest {

  private static final Pattern ROOT = Pattern.compile("<svg [^>]*width=\"(\\d+)\" height=\"(\\d+)\" viewBox=\"0 0 \\1 \\2\"");
  private static final Pattern TITLE = Pattern.compile("<text x=\"(\\d+)\" y=\"22\" font-size=\"14\"><title>([^<]*)</title>([^<]*)</text>");
  private static final Pattern POLYGON = Pattern.compile("<polygon points=\"([^\"]+)\"");

  private static Report report(String name) {
    String scenario = ReportBuilderTest.SCENARIO.replace("name = budget", "name = \"" + name + "\"");
    // five seeds, losses spread so that the violins' tails reach well past the dots
    return ReportBuilder.build(ReportBuilderTest.finished(scenario.replace("seeds = [1, 2, 3]", "seeds = [1, 2, 3, 4, 5]"),
        run -> (run.arm().equals("baseline") ? 0.50 : 0.56) + 0.03 * (run.seed() - 3) * (run.seed() % 2 == 0 ? 1 : -0.5),
        (run, task) -> 2));
  }

  @Test
  void aLongTitleIsShortenedToTheFigureAndKeptWholeInItsTooltip() {
    String name = "a scenario with a very long descriptive name that no figure of this width could ever show in full";
    for (String svg : new String[] {SvgFigure.render(report(name)), SvgCurves.render(report(name))}) {
      Matcher root = ROOT.matcher(svg);
      assertTrue(root.find(), svg.substring(0, 200));
      int width = Integer.parseInt(root.group(1));
      Matcher title = TITLE.matcher(svg);
      assertTrue(title.find(), svg.substring(0, 400));
      assertTrue(title.group(2).contains(name), "the tooltip holds the whole title");
      int x = Integer.parseInt(title.group(1));
      assertTrue(x + title.group(3).length() * SvgFigure.TITLE_CHAR <= width, "fits: " + title.group(3) + " in " + width);
      assertTrue(title.group(3).contains("…"), title.group(3));
    }
    String shortName = SvgFigure.render(report("short"));
    Matcher title = TITLE.matcher(shortName);
    assertTrue(title.find() && !title.group(3).contains("…") && title.group(3).contains("short"), shortName);
  }

  @Test
  void everyViolinLiesWhollyInsideTheAxis() {
    String svg = SvgFigure.render(report("violins"));
    Matcher p = POLYGON.matcher(svg);
    int violins = 0;
    while (p.find()) {
      violins++;
      String[] points = p.group(1).split(" ");
      double top = Double.POSITIVE_INFINITY;
      double bottom = Double.NEGATIVE_INFINITY;
      for (String point : points) {
        double y = Double.parseDouble(point.split(",")[1]);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
      // strictly inside the plot (48 to 348): an outline cut by the axis would end exactly on its edge, flat
      assertTrue(top > 48 + 0.5 && bottom < 48 + 300 - 0.5, "inside the plot, not cut by it: " + top + ".." + bottom);
    }
    assertEquals(3, violins);
    assertTrue(svg.contains("preserveAspectRatio=\"xMidYMin meet\""), "scales to its panel");
  }
}
