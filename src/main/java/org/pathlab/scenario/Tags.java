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
    return null;
  }
}
