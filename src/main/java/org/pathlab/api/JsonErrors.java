package org.pathlab.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Errors that Pekko HTTP answers itself, before or instead of a route (no such path, wrong method,
 * a URI or header too long, a malformed request), in the API's JSON shape
 * ({@code {"error": …, "problems": []}}, docs/api.md) instead of plain text.
 *
 * <p>Also the server's parsing error handler ({@code pekko.http.server.parsing.error-handler}):
 * Pekko creates it by its class name, so it has a public constructor without arguments.
 */
public final class JsonErrors extends ParsingErrorHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  public JsonErrors() {}

  /** Pekko's default rejection handling, each answer turned into the JSON error shape. */
  static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
      if (!(response.entity() instanceof HttpEntity.Strict strict)) return response;
      if (strict.getContentType().mediaType().toString().startsWith("application/json")) return response;
      String text = strict.getData().decodeString(StandardCharsets.UTF_8);
      String message = switch (response.status().intValue()) {
        case 404 -> "no such endpoint; the API's routes are listed in docs/api.md";
        case 405 -> text + "; the API's routes are listed in docs/api.md";
        case 413 -> "the request body is larger than the daemon accepts (pekko.http.server.parsing.max-content-length);"
            + " a scenario is a few kilobytes";
        default -> text;
      };
      return response.withEntity(ContentTypes.APPLICATION_JSON, body(message));
    });
  }

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    log.warning("refused a malformed request ({}): {}", status.intValue(), info.summary());
    String advice = switch (status.intValue()) {
      case 414 -> "the request's URI is longer than the daemon accepts (pekko.http.server.parsing.max-uri-length)";
      case 413 -> "the request body is larger than the daemon accepts (pekko.http.server.parsing.max-content-length)";
      case 431 -> "the request's headers are larger than the daemon accepts";
      default -> "the daemon could not read the request: " + info.summary();
    };
    return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, body(advice));
  }

  private static byte[] body(String message) {
    try {
      return JSON.writeValueAsBytes(new Views.Problem(message, List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error as JSON", e);
    }
  }
}
