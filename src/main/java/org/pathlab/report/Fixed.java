package org.pathlab.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.Nf", x)} without a {@link java.util.Formatter}: the same
 * text (the formatter, too, rounds half up the shortest decimal digits that {@link Double#toString}
 * finds), several times faster — figures print thousands of coordinates per report.
 */
final class Fixed {

  private Fixed() {}

  static String of(double x, int decimals) {
    if (!Double.isFinite(x)) return String.format(Locale.ROOT, "%." + decimals + "f", x);
    String text = new BigDecimal(Double.toString(x)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    // BigDecimal's zero has no sign; the formatter keeps the sign of a negative value that rounds to zero.
    if ((x < 0 || (x == 0 && 1 / x < 0)) && text.charAt(0) != '-') return "-" + text;
    return text;
  }

  /** {@code x} with a sign always ({@code "%+.Nf"}). */
  static String signed(double x, int decimals) {
    if (!Double.isFinite(x)) return String.format(Locale.ROOT, "%+." + decimals + "f", x);
    String text = of(x, decimals);
    return text.charAt(0) == '-' ? text : "+" + text;
  }

  /**
   * {@code "%.17g"} with the mantissa's trailing zeros and trailing point dropped (never the
   * exponent's: 3.26e-10 stays {@code 3.2568459705194250e-10} less its last mantissa zero): every
   * digit the shortest representation of {@code x} has, in plain notation where {@code %g} would
   * use it. Parses back to {@code x} exactly.
   */
  static String significant17(double x) {
    double a = Math.abs(x);
    if (Double.isFinite(x) && a >= 1e-4 && a < 1e16) {
      String plain = new BigDecimal(Double.toString(x)).toPlainString();
      return plain.indexOf('.') < 0 ? plain : dropTrailingZeros(plain);
    }
    String text = String.format(Locale.ROOT, "%.17g", x);
    int exponent = text.indexOf('e');
    return exponent < 0 ? dropTrailingZeros(text) : dropTrailingZeros(text.substring(0, exponent)) + text.substring(exponent);
  }

  /** Trailing zeros after a decimal point, and then the point; a number without a point is whole and kept. */
  private static String dropTrailingZeros(String text) {
    if (text.indexOf('.') < 0) return text;
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '0') end--;
    if (end > 0 && text.charAt(end - 1) == '.') end--;
    return text.substring(0, end);
  }
}
