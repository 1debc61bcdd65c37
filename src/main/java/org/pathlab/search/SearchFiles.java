package org.pathlab.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A search's report files, {@code <dir>/<search id>/search.{md,json,csv}} and {@code rungs.svg}: written by {@code pathlab replay}, served by the daemon. */
public final class SearchFiles {

  public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SearchFiles() {}

  public static String json(SearchReport r) {
    try {
      return JSON.writeValueAsString(r) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("a search report did not serialize", e);
    }
  }

  public static Path write(SearchReport r, Path root) throws IOException {
    Path dir = Files.createDirectories(root.resolve(r.searchId()));
    atomically(dir.resolve("search.md"), SearchMarkdown.render(r));
    atomically(dir.resolve("search.json"), json(r));
    atomically(dir.resolve("search.csv"), SearchMarkdown.csv(r));
    atomically(dir.resolve("rungs.svg"), RungFigure.render(r));
    return dir;
  }

  private static void atomically(Path file, String content) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(temp, content.getBytes(StandardCharsets.UTF_8));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
