package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedTest {

  @Test
  void printsWhatTheFormatterPrints() {
    SplittableRandom random = new SplittableRandom(11);
    double[] edges = {0.0, -0.0, 0.005, -0.005, 0.015, 0.025, 0.125, -0.125, 1.005, 2.675, 0.45, 999.995, -1e-9, 1e-9,
        123456789.125, 1e17, -1e17, 5e-324, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int decimals = 0; decimals <= 4; decimals++) {
      for (double x : edges) check(x, decimals);
      for (int i = 0; i < 20_000; i++) {
        // coordinates, rounded-looking values and wide magnitudes
        double x = switch (i % 3) {
          case 0 -> random.nextDouble(-100, 900);
          case 1 -> Math.round(random.nextDouble(-1000, 1000) * 1000) / 1000.0 + 0.0005 * (random.nextBoolean() ? 1 : -1);
          default -> Math.scalb(random.nextDouble(-1, 1), random.nextInt(-30, 60));
        };
        check(x, decimals);
      }
    }
  }

  @Test
  void printsWhatTheCsvFormatPrinted() {
    SplittableRandom random = new SplittableRandom(12);
    double[] edges = {0.0, -0.0, 1e-4, 9.999999999999999e-5, 1e-5, 3.2568459705194250e-10, 1e-100, 1e-10, 2e-20, 1e20, 0.1, 0.45, 1.0, 10.0, 1e15, 1e16, 1e17, 123.456, -7.25,
        5e-324, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY};
    for (double x : edges) checkCsv(x);
    for (int i = 0; i < 50_000; i++) {
      checkCsv(i % 2 == 0 ? random.nextDouble() * 4 : Math.scalb(random.nextDouble(-1, 1), random.nextInt(-40, 70)));
    }
    for (double x : edges) {
      if (Double.isFinite(x)) assertEquals(String.format(Locale.ROOT, "%+.4f", x), Fixed.signed(x, 4), "x=" + x);
    }
    for (int i = 0; i < 20_000; i++) {
      double x = random.nextDouble(-2, 2);
      assertEquals(String.format(Locale.ROOT, "%+.4f", x), Fixed.signed(x, 4), "x=" + x);
    }
  }

  /**
   * The CSV's number format: {@code %.17g} less the mantissa's trailing zeros (an exponent's zeros
   * stay: 3.2568459705194250e-10 once printed as 3.2568459705194250e-1), and it parses back to x.
   */
  private static void checkCsv(double x) {
    String g = String.format(Locale.ROOT, "%.17g", x);
    String[] parts = g.split("e", 2);
    String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
    String expected = mantissa + (parts.length == 2 ? "e" + parts[1] : "");
    String printed = Fixed.significant17(x);
    assertEquals(expected, printed, "x=" + x);
    if (!Double.isNaN(x)) assertEquals(x, Double.parseDouble(printed), 0.0, "round trip of " + printed);
  }

  @Test
  void exponentsThatEndInZeroKeepTheirZero() {
    assertEquals("3.256845970519425e-10", Fixed.significant17(3.2568459705194250e-10));
    assertEquals("1e-100", Fixed.significant17(1e-100));
    assertEquals("-2.5e-20", Fixed.significant17(-2.5e-20));
    assertEquals("1e+20", Fixed.significant17(1e20));
  }

  private static void check(double x, int decimals) {
    assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", x), Fixed.of(x, decimals), "x=" + x + " decimals=" + decimals);
  }
}
