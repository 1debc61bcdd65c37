package org.pathlab.cli;

/**
 * Text from elsewhere (the daemon's answers, a file's name in an error) made safe to print on a
 * terminal: escape sequences, C1 controls and bidirectional overrides are shown as a backslash, u
 * and four hex digits rather than obeyed, so no value can retitle a terminal, hide text or reorder a line. Names,
 * notes and scenario strings are refused at entry; this is the second line, for journals written
 * before that and for text that is not a scenario's.
 */
final class Terminal {

  private Terminal() {}

  /** {@code text} with every control character but line breaks and tabs escaped. */
  static String safe(String text) {
    return escape(text, false);
  }

  /** One line: line breaks escaped too, so a value cannot forge the next line. */
  static String line(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean oneLine) {
    if (text == null) return null;
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean kept = c == '\t' || c == '\n' && !oneLine;
      if (!kept && dangerous(c)) {
        if (out == null) out = new StringBuilder(text.length() + 8).append(text, 0, i);
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  static boolean dangerous(char c) {
    return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
        || c == 0x200e || c == 0x200f || c == 0x061c;
  }
}
