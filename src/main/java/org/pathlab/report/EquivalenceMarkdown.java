package org.pathlab.report;

import java.util.List;
import java.util.Locale;

/** The equivalence section of a comparison in Markdown ({@link Comparison#markdown}, with a margin). */
final class EquivalenceMarkdown {

  private EquivalenceMarkdown() {}

  static void append(StringBuilder out, List<Comparison.Row> rows, double margin) {
    out.append(String.format(Locale.ROOT, "%n## Equivalence within ±%s in final test loss (TOST)%n%n", plain(margin)));
    out.append("| arm | difference | 90 % CI (method) | TOST p | Holm p | margin the data allow | verdict |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Comparison.Row r : rows) {
      Equivalence e = r.equivalence();
      if (e == null) {
        out.append("| ").append(r.arm()).append(" | — | — | — | — | — | not tested: fewer than two finished seeds a side |\n");
        continue;
      }
      out.append(String.format(Locale.ROOT, "| %s | %+.4f | [%+.4f, %+.4f] (%s) | %.3g | %.3g | ±%.4f | %s |%n", r.arm(), e.difference(),
          e.ci90().low(), e.ci90().high(), e.ci90().method(), e.p(), e.holmP(), e.smallestMargin(), verdict(e)));
    }
    out.append("\nTwo one-sided t-tests of the difference (this experiment's arm minus the reference's) against −margin and ")
        .append("+margin; equivalent where the larger p, Holm-adjusted over the rows, is below ")
        .append(plain(Equivalence.ALPHA)).append(" (the 90 % interval then lies inside ±margin). Paired by seed where the loss ")
        .append("contrast above is; the margin the data allow is the 90 % interval's largest bound in absolute value.\n");
  }

  static String verdict(Equivalence e) {
    String m = plain(e.margin());
    return e.equivalent() ? "**equivalent** within ±" + m
        : String.format(Locale.ROOT, "not shown equivalent within ±%s (the data allow ±%.4f)", m, e.smallestMargin());
  }

  private static String plain(double x) {
    return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
