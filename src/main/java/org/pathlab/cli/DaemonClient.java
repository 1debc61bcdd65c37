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
      return parse(body);
    }

    static JsonNode parse(String text) {
      try {
        return MAPPER.readTree(text);
      } catch (IOException e) {
        throw new CliException(ExitCodes.DAEMON_ERROR, "the daemon answered something that is not JSON: " + text);
      }
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** {@code token}: the API's bearer token, or null when the daemon requires none. */
  DaemonClient(String base, String token) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** GET {@code path}'s body as bytes (a file); an error answer becomes the matching exception, as {@link #check} makes it. */
  byte[] download(String path) {
    try {
      HttpResponse<byte[]> response =
          http.send(request(path).timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= 400) check(new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8)));
      return response.body();
    } catch (ConnectException e) {
      throw noDaemon();
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_DAEMON, "could not talk to the daemon at " + base + " (" + reason(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.DAEMON_ERROR, "interrupted");
    }
  }

  /** POST {@code body} as JSON. */
  Response postJson(String path, Object body) {
    String text;
    try {
      text = MAPPER.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request as JSON", e);
    }
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  Response postScenario(String text, String name) {
    String query = "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    return send(request("/api/experiments" + query)
        .header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  /** One server-sent event. */
  record Event(String type, String data) {}

  /**
   * Follows a server-sent event stream, handing each event to {@code onEvent} until it returns
   * false or the stream ends.
   */
  void events(String path, java.util.function.Predicate<Event> onEvent) {
    HttpRequest.Builder request = request(path).header("Accept", "text/event-stream").GET();
    try {
      HttpResponse<java.util.stream.Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() >= 400) {
        check(new Response(response.statusCode(), String.join("\n", response.body().toList())));
      }
      try (java.util.stream.Stream<String> lines = response.body()) {
        String type = "message";
        StringBuilder data = new StringBuilder();
        for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
          String line = it.next();
          if (line.isEmpty()) {
            if (data.length() > 0 && !onEvent.test(new Event(type, data.toString()))) return;
            type = "message";
            data.setLength(0);
          } else if (line.startsWith("event:")) {
            type = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            if (data.length() > 0) data.append('\n');
            data.append(line.substring(5).strip());
          }
        }
      }
    } catch (ConnectException e) {
      throw noDaemon();
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_DAEMON, "lost the daemon at " + base + " (" + reason(e)
          + "); once it runs again, `pathlab watch ID` follows the experiment on");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.DAEMON_ERROR, "interrupted");
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) request.header("Authorization", "Bearer " + token);
    return request;
  }

  private CliException noDaemon() {
    return new CliException(ExitCodes.NO_DAEMON,
        "no pathlab daemon answers at " + base + "; start one with `ops/pathlab daemon` (or pass --url)");
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (ConnectException e) {
      throw noDaemon();
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_DAEMON, "could not talk to the daemon at " + base + " (" + reason(e)
          + "); check that a pathlab daemon runs there and --url names it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.DAEMON_ERROR, "interrupted");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.net.http.HttpTimeoutException) return "it did not answer in time";
    return e.getMessage() == null || e.getMessage().isBlank() ? "the connection closed" : e.getMessage();
  }

  /** Turns an error response into the matching exception; returns the response otherwise. */
  static Response check(Response r) {
    if (r.status() < 400) return r;
    String message = r.body();
    boolean pathlab = false;
    try {
      JsonNode json = MAPPER.readTree(r.body());
      pathlab = json != null && json.has("error");
      StringBuilder text = new StringBuilder(json == null ? r.body() : json.path("error").asText(r.body()));
      if (json != null) for (JsonNode p : json.path("problems")) text.append("\n  ").append(p.asText());
      message = text.toString();
    } catch (IOException ignored) {
      // not JSON: show the body as it is
    }
    if (!pathlab && r.status() == 404) {
      // a pathlab daemon names what it did not find; a bare 404 is some other server, or no daemon of this version
      throw new CliException(ExitCodes.NO_DAEMON, "the server answered HTTP 404 without a pathlab answer"
          + (message.isBlank() ? " (an empty body)" : ": " + message.strip().lines().findFirst().orElse(""))
          + "; check that --url names a pathlab daemon of this version");
    }
    if (message.isBlank()) message = "the daemon answered HTTP " + r.status() + " with an empty body; its log says why";
    if (r.status() == 413) message = "the request is larger than the daemon accepts (pekko.http.server.parsing.max-content-length): " + message;
    int code = switch (r.status()) {
      case 404 -> ExitCodes.NOT_FOUND;
      case 400, 413 -> ExitCodes.USAGE;
      case 401 -> ExitCodes.UNAUTHORIZED;
      case 409 -> ExitCodes.CONFLICT;
      default -> ExitCodes.DAEMON_ERROR;
    };
    throw new CliException(code, message);
  }
}
