package org.pathlab.cli;

import java.util.regex.Pattern;

/**
 * The form of an experiment id, checked before an id goes into a URL: anything else (a path, a
 * blank, a query) is refused as a usage error instead of reaching the daemon as another request.
 */
final class ExperimentIds {

  /**
   * As experiment.Experiments makes them: submission time to the second, then 4 random hex digits;
   * a search's (search.Searches) begins with {@code search-}, its evaluations and confirmation end
   * with {@code -jN} and {@code -c}.
   */
  private static final Pattern FORM = Pattern.compile("(search-)?\\d{8}-\\d{6}-[0-9a-f]{4}|search-\\d{8}-\\d{6}-[0-9a-f]{4}-(j\\d{1,6}|c)");
  private static final Pattern SEARCH = Pattern.compile("search-\\d{8}-\\d{6}-[0-9a-f]{4}");

  private ExperimentIds() {}

  /** The id itself, safe in a URL path; a usage error naming it when it is not an experiment id. */
  static String require(String id) {
    if (!FORM.matcher(id).matches()) {
      throw new CliException(ExitCodes.USAGE, "'" + printable(id) + "' is not an experiment id (they look like "
          + "20261125-023859-b13c) or a search's (search-20261125-023859-b13c); `pathlab status` lists them");
    }
    return id;
  }

  /** Whether {@code id} names a search rather than an experiment. */
  static boolean isSearch(String id) {
    return SEARCH.matcher(id).matches();
  }

  /** Control characters shown as escapes, so that an id cannot rewrite the terminal it is reported on. */
  private static String printable(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) b.append(String.format("\\u%04x", c));
      else b.appendCodePoint(c);
    });
    return b.toString();
  }
}
