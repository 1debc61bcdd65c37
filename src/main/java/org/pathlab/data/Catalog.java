package org.pathlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each known dataset is on this machine and whether its files are the official ones: the
 * directory the daemon would read it from (found exactly as {@link DatasetLocator#locate} finds
 * it) and the files its reader would take there, checked against {@link Checksums}. Never throws:
 * a missing, damaged or unreadable dataset is reported, not raised.
 */
public final class Catalog {

  public enum Check {
    /** Every file the reader takes matches its published checksum. */
    VERIFIED,
    /** At least one file differs from the official one. */
    MISMATCH,
    /** The files are there but no published checksum applies to them (or they cannot be read). */
    UNVERIFIED,
    /** No searched directory holds the dataset. */
    MISSING
  }

  /**
   * One dataset: {@code location} is the directory found (null when {@link Check#MISSING}), {@code
   * detail} explains {@code check}, and {@code howToGet} says how to get a verified copy.
   */
  public record Entry(String name, Path location, Check check, String detail, String howToGet) {}

  private Catalog() {}

  /** An entry for each of {@link Datasets#NAMES}, in that order, found under {@code roots}. */
  public static List<Entry> scan(List<Path> roots) {
    return scan(roots, DatasetLocator.SYSTEM_ROOT);
  }

  /** As {@link #scan(List)} with {@code systemRoot} in place of /usr/share/datasets, for tests. */
  static List<Entry> scan(List<Path> roots, Path systemRoot) {
    List<Entry> entries = new ArrayList<>();
    for (String name : Datasets.NAMES) {
      entries.add(entry(name, roots, List.of(systemRoot.resolve(name))));
    }
    return List.copyOf(entries);
  }

  private static Entry entry(String name, List<Path> roots, List<Path> fallbacks) {
    String howToGet = DatasetLocator.howToGet(name);
    DatasetLocator.Search search = DatasetLocator.search(name, roots, fallbacks);
    Path dir = search.found();
    if (dir == null) {
      String skipped =
          search.skipped().isEmpty() ? "" : "; skipped " + String.join(", ", search.skipped());
      return new Entry(
          name, null, Check.MISSING,
          "not found; looked in " + String.join(", ", search.looked()) + skipped, howToGet);
    }
    try {
      Verification.Verdict verdict = Verification.of(name, dir);
      String advice = verdict.advice() == null ? howToGet : verdict.advice();
      return new Entry(name, dir, verdict.check(), verdict.detail(), advice);
    } catch (DatasetException e) {
      // the files changed between being found and being checked (e.g. a fetch under way)
      return new Entry(name, dir, Check.UNVERIFIED, e.getMessage(), howToGet);
    }
  }
}
