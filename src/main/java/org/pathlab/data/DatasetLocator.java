package org.pathlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the directory holding a dataset's files. Callers pass the configured roots (including
 * $PATHLAB_DATA when set); the system-wide install of the dataset package is always tried last.
 */
public final class DatasetLocator {

    public static final String FASHION_MNIST = "fashion-mnist";

    private static final Map<String, List<String>> FILES =
            Map.of(FASHION_MNIST, FashionMnist.FILE_NAMES);

    private static final Path SYSTEM_ROOT = Path.of("/usr/share/datasets");

    private DatasetLocator() {}

    public static Path locate(String dataset, List<Path> roots) {
        return locate(dataset, roots, List.of(SYSTEM_ROOT.resolve(dataset)));
    }

    /** Separate so tests can run without the machine's own install being found. */
    static Path locate(String dataset, List<Path> roots, List<Path> fallbacks) {
        List<String> names = FILES.get(dataset);
        if (names == null) {
            throw new DatasetException(
                    "unknown dataset '" + dataset + "'; use one of the known datasets: "
                            + FILES.keySet().stream().sorted().collect(Collectors.joining(", ")));
        }
        Set<Path> candidates = new LinkedHashSet<>();
        for (Path root : roots) {
            candidates.add(root.resolve(dataset).toAbsolutePath().normalize());
            candidates.add(root.toAbsolutePath().normalize());
        }
        for (Path fallback : fallbacks) {
            candidates.add(fallback.toAbsolutePath().normalize());
        }
        List<String> looked = new ArrayList<>();
        for (Path dir : candidates) {
            if (holdsAll(dir, names)) {
                return dir;
            }
            looked.add(dir.toString());
        }
        throw new DatasetException(
                "dataset '" + dataset + "' not found: no directory holds all of " + names
                        + " (each raw or .gz); looked in " + String.join(", ", looked)
                        + ". Get it with `ops/datasets " + dataset + "`, or as root `apt-get install"
                        + " dataset-" + dataset + "`, or set $PATHLAB_DATA to a directory that"
                        + " holds " + dataset + "/");
    }

    /** {@code dir/baseName} if present, else {@code dir/baseName.gz}. */
    public static Path file(Path dir, String baseName) {
        Path raw = dir.resolve(baseName);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dir.resolve(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DatasetException(
                raw + ": file not found (nor " + gz.getFileName() + " beside it); run `ops/datasets"
                        + " fashion-mnist` or point the dataset root at a complete copy");
    }

    private static boolean holdsAll(Path dir, List<String> names) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (String name : names) {
            if (!Files.isRegularFile(dir.resolve(name))
                    && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
                return false;
            }
        }
        return true;
    }
}
