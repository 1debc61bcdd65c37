package org.pathlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The report files of one experiment, {@code <dir>/<id>/report.{md,json,csv}} and
 * {@code figure.svg} and {@code curves.svg} (and {@code grid.svg} for 2-D paths): written by the daemon as experiments end and by {@code pathlab replay}, with
 * the same renderers from the same events, so the two are byte-identical.
 */
public final class ReportFiles {

  public static final List<String> NAMES = List.of("report.md", "report.json", "report.csv", "figure.svg", "curves.svg");

  /** The fig. 5 grid, written only for an experiment with arms on 2-D paths. */
  public static final String GRID = "grid.svg";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFiles() {}

  /** Writes the four files atomically (temp file, rename) into {@code root/<experiment id>/}. */
  public static Path write(Report report, Path root) throws IOException {
    Path dir = Files.createDirectories(root.resolve(report.experimentId()));
    atomically(dir.resolve("report.md"), MarkdownReport.render(report));
    atomically(dir.resolve("report.json"), JSON.writeValueAsString(report) + "\n");
    atomically(dir.resolve("report.csv"), CsvReport.render(report));
    atomically(dir.resolve("figure.svg"), SvgFigure.render(report));
    atomically(dir.resolve("curves.svg"), SvgCurves.render(report));
    if (SvgGrid.applies(report)) atomically(dir.resolve(GRID), SvgGrid.render(report));
    return dir;
  }

  /**
   * Writes a hidden sibling and renames it over {@code file}: readers see the old or the new file,
   * never half of one. One writer per experiment directory (the daemon's projection, or a replay
   * into its own directory), so the sibling's name can be fixed: a leftover from a crash is
   * simply overwritten.
   */
  private static void atomically(Path file, String content) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(temp, content.getBytes(StandardCharsets.UTF_8));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
