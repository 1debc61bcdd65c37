package org.pathlab.scenario;

import java.util.regex.Pattern;

/**
 * What a tag and a note may be, wherever they come from: a scenario's {@code tags} and {@code
 * notes}, or {@code pathlab tag} and {@code pathlab note} later (one rule, so a tag added later is
 * one a scenario could have had).
 */
public final class Tags {

  /** Tags an experiment may carry at once. */
  public static final int MAX_TAGS = 20;

  /** Characters of one note. */
  public static final int MAX_NOTE = 4000;

  /** Notes an experiment keeps (the scenario's and those added later). */
  public static final int MAX_NOTES = 200;

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._-]{1,40}");

  private Tags() {}

  /** Null for a valid tag, else what is wrong with it, for a message. */
  public static String problem(String tag) {
    return tag != null && TAG.matcher(tag).matches() ? null : "a tag is 1 to 40 letters, digits, '.', '_' or '-'";
  }

  /** Null for a valid note, else what is wrong with it. */
  public static String noteProblem(String note) {
    if (note == null || note.isBlank()) return "a note needs some text";
    if (note.length() > MAX_NOTE) return "is " + note.length() + " characters long; at most " + MAX_NOTE + " are kept in a note";
    return controlProblem(note);
  }

  /**
   * Null for text a terminal prints as it reads, else what is wrong: a control character (C0, DEL,
   * C1 such as U+009B) or a bidirectional override (U+202A–U+202E, U+2066–U+2069) would change a
   * terminal's title, hide text or forge lines wherever a name or note is printed. The message
   * names the code point, never the text.
   */
  public static String controlProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        return String.format("holds the control character U+%04X; names and notes are printed on terminals and may hold none "
            + "(no line breaks, escapes or direction overrides)", (int) c);
      }
    }
    return null;
  }
}
