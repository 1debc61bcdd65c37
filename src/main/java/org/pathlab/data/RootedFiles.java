package org.pathlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Files a scenario names, confined to configured roots ({@code pathlab.model-roots}, {@code
 * pathlab.data-roots}): a scenario is data, and may reach only what an operator put under a root.
 * A relative name is looked up under each root in turn; an absolute one must lie under a root. Both
 * are judged after every symbolic link is resolved, so a link cannot lead out of a root.
 */
public final class RootedFiles {

  private RootedFiles() {}

  /**
   * The real path of {@code name} under one of {@code roots}; otherwise an {@link
   * IllegalArgumentException} that says which roots are allowed and what to do. {@code setting}
   * names the configuration key of the roots.
   */
  public static Path resolve(String name, List<Path> roots, String setting) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no roots are configured for such files: set " + setting
          + " (in the daemon's configuration) to the folders that hold them, then name the file relative to one of them");
    }
    if (name.isBlank() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("'" + name + "' is not a file name; give a path relative to one of " + setting + " " + list(roots));
    }
    Path given = Path.of(name);
    List<Path> candidates = new ArrayList<>();
    if (given.isAbsolute()) {
      candidates.add(given);
    } else {
      for (Path root : roots) candidates.add(root.resolve(given));
    }
    for (Path candidate : candidates) {
      if (!Files.exists(candidate)) continue;
      Path real;
      try {
        real = candidate.toRealPath();
      } catch (IOException e) {
        continue;
      }
      if (under(real, roots)) {
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(real)) {
          throw new IllegalArgumentException(name + " is neither a file nor a folder");
        }
        return real;
      }
    }
    // one answer whether the file is missing or lies outside: never where a name leads, nor whether it exists there
    throw new IllegalArgumentException(name + " is not a file under the allowed roots " + list(roots) + " (" + setting
        + "): put it under one of them and name it relative to it");
  }

  /** The SHA-256 of a file's bytes, in hex. */
  public static String sha256(Path file) throws IOException {
    java.security.MessageDigest digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  private static boolean under(Path real, List<Path> roots) {
    for (Path root : roots) {
      try {
        if (real.startsWith(root.toRealPath())) return true;
      } catch (IOException e) {
        // a root that does not exist holds nothing
      }
    }
    return false;
  }

  private static String list(List<Path> roots) {
    return roots.stream().map(Path::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
