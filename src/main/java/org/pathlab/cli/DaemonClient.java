package org.pathlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The CLI's only way to the daemon: HTTP/JSON on its API. */
final class DaemonClient {

  record Response(int status, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new CliException(ExitCodes.DAEMON_ERROR, "the daemon answered something that is not JSON: " + body);
      }
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  DaemonClient(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Response post(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Response postScenario(String text, String name) {
    String query = "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(base + "/api/experiments" + query))
        .header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (ConnectException e) {
      throw new CliException(ExitCodes.NO_DAEMON,
          "no pathlab daemon answers at " + base + "; start one with `ops/pathlab daemon` (or pass --url)");
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_DAEMON, "could not talk to the daemon at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.DAEMON_ERROR, "interrupted");
    }
  }

  /** Turns an error response into the matching exception; returns the response otherwise. */
  static Response check(Response r) {
    if (r.status() < 400) return r;
    String message = r.body();
    try {
      JsonNode json = MAPPER.readTree(r.body());
      StringBuilder text = new StringBuilder(json.path("error").asText(r.body()));
      for (JsonNode p : json.path("problems")) text.append("\n  ").append(p.asText());
      message = text.toString();
    } catch (IOException ignored) {
      // not JSON: show the body as it is
    }
    int code = switch (r.status()) {
      case 404 -> ExitCodes.NOT_FOUND;
      case 400 -> ExitCodes.USAGE;
      case 409 -> ExitCodes.CONFLICT;
      default -> ExitCodes.DAEMON_ERROR;
    };
    throw new CliException(code, message);
  }
}
