package org.pathlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the directory holding a dataset's files. Callers pass the configured roots (including
 * $PATHLAB_DATA when set); for each root, {@code root/NAME} is tried before the root itself, and
 * the system-wide install {@code /usr/share/datasets/NAME} is always tried last.
 */
public final class DatasetLocator {

  /** Kept for existing callers; the names live in {@link Datasets}. */
  public static final String FASHION_MNIST = Datasets.FASHION_MNIST;

  static final Path SYSTEM_ROOT = Path.of("/usr/share/datasets");

  /** What a directory must hold to count as a copy of the dataset, and how to say so. */
  private record Layout(Predicate<Path> holds, String description) {}

  private static final Layout IDX =
      new Layout(
          dir -> holdsAll(dir, IdxFiles.FILE_NAMES, true),
          "all of " + IdxFiles.FILE_NAMES + " (each raw or .gz)");

  private static final Map<String, Layout> LAYOUTS =
      Map.of(
          Datasets.MNIST, IDX,
          Datasets.FASHION_MNIST, IDX,
          Datasets.CIFAR_10, new Layout(Cifar10::holds, Cifar10.LAYOUT),
          Datasets.SVHN,
          new Layout(dir -> holdsAll(dir, Svhn.FILE_NAMES, false), "all of " + Svhn.FILE_NAMES));

  private DatasetLocator() {}

  public static Path locate(String dataset, List<Path> roots) {
    return locate(dataset, roots, systemFallback(dataset));
  }

  /** Separate so tests can run without the machine's own install being found. */
  static Path locate(String dataset, List<Path> roots, List<Path> fallbacks) {
    Search search = search(dataset, roots, fallbacks);
    if (search.found() != null) {
      return search.found();
    }
    throw new DatasetException(
        "dataset '" + dataset + "' not found: no directory holds "
            + LAYOUTS.get(dataset).description()
            + "; looked in " + String.join(", ", search.looked())
            + (search.skipped().isEmpty()
                ? ""
                : "; skipped " + String.join(", ", search.skipped()))
            + ". " + howToGet(dataset));
  }

  /** The directory found (or null), the ones tried before it, and the roots not tried and why. */
  record Search(Path found, List<String> looked, List<String> skipped) {}

  /**
   * Tries the candidates in {@link #locate}'s order without throwing for a missing dataset (only
   * for a name that is not one), so that reports can go on past it.
   */
  static Search search(String dataset, List<Path> roots, List<Path> fallbacks) {
    Layout layout = LAYOUTS.get(dataset);
    if (layout == null) {
      throw Datasets.unknown(dataset);
    }
    Set<Path> candidates = new LinkedHashSet<>();
    List<String> skipped = new ArrayList<>();
    for (Path root : roots) {
      Path absolute = root.toAbsolutePath().normalize();
      candidates.add(absolute.resolve(dataset));
      // MNIST and Fashion-MNIST share file names: a root named for one is never the other
      Path name = absolute.getFileName();
      if (name != null
          && !name.toString().equals(dataset)
          && Datasets.NAMES.contains(name.toString())) {
        skipped.add(absolute + " (named for " + name + ")");
      } else {
        candidates.add(absolute);
      }
    }
    for (Path fallback : fallbacks) {
      candidates.add(fallback.toAbsolutePath().normalize());
    }
    List<String> looked = new ArrayList<>();
    for (Path dir : candidates) {
      if (layout.holds().test(dir)) {
        return new Search(dir, List.copyOf(looked), List.copyOf(skipped));
      }
      looked.add(dir.toString());
    }
    return new Search(null, List.copyOf(looked), List.copyOf(skipped));
  }

  /** The system-wide install of {@code dataset}, always tried last. */
  static List<Path> systemFallback(String dataset) {
    return List.of(SYSTEM_ROOT.resolve(dataset));
  }

  /** {@code dir/baseName} if present, else {@code dir/baseName.gz}. */
  public static Path file(Path dir, String baseName) {
    return file(dir, baseName, null);
  }

  /** As {@link #file(Path, String)}; {@code dataset} (or null) names it in the error message. */
  static Path file(Path dir, String baseName, String dataset) {
    Path raw = dir.resolve(baseName);
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    Path gz = dir.resolve(baseName + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    throw new DatasetException(
        raw + ": file not found (nor " + gz.getFileName() + " beside it); run `ops/datasets "
            + (dataset == null ? "NAME" : dataset) + "` or point the dataset root at a complete"
            + " copy");
  }

  /** The advice every "not found" message ends with. */
  static String howToGet(String dataset) {
    String apt =
        Datasets.FASHION_MNIST.equals(dataset)
            ? ", or as root `apt-get install dataset-fashion-mnist`"
            : "";
    return "Get it with `ops/datasets " + dataset + "`" + apt + ", or set $PATHLAB_DATA to a"
        + " directory that holds " + dataset + "/";
  }

  private static boolean holdsAll(Path dir, List<String> names, boolean gzipToo) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    for (String name : names) {
      if (!Files.isRegularFile(dir.resolve(name))
          && !(gzipToo && Files.isRegularFile(dir.resolve(name + ".gz")))) {
        return false;
      }
    }
    return true;
  }
}
