package org.pathlab.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.pathlab.report.CsvReport;
import org.pathlab.report.MarkdownReport;
import org.pathlab.report.Report;
import org.pathlab.report.SvgCurves;
import org.pathlab.report.SvgFigure;
import org.pathlab.report.SvgGrid;

/** A report rendered in one of the API's text and figure formats ({@code json} is the report itself). */
final class ReportEntities {

  static final List<String> FORMATS = List.of("md", "json", "csv", "svg", "curves", "grid");

  private ReportEntities() {}

  /** The report as {@code format} (one of {@link #FORMATS} but json); empty for the grid of a report with no arm on a 2-D path. */
  static Optional<HttpEntity.Strict> of(Report report, String format) {
    return switch (format) {
      case "csv" -> Optional.of(csv(CsvReport.render(report)));
      case "svg" -> Optional.of(svg(SvgFigure.render(report)));
      case "curves" -> Optional.of(svg(SvgCurves.render(report)));
      case "grid" -> SvgGrid.applies(report) ? Optional.of(svg(SvgGrid.render(report))) : Optional.empty();
      default -> Optional.of(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, MarkdownReport.render(report)));
    };
  }

  /** CSV text as an entity. */
  static HttpEntity.Strict csv(String text) {
    return HttpEntities.create(ContentTypes.create(MediaTypes.TEXT_CSV, HttpCharsets.UTF_8), text);
  }

  private static HttpEntity.Strict svg(String text) {
    return HttpEntities.create(ContentTypes.create(MediaTypes.IMAGE_SVG_XML), text.getBytes(StandardCharsets.UTF_8));
  }
}
