package org.pathlab.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** A test's HTTP client for one daemon: GET and POST as JSON, submit, and bounded waits on what the API says. */
public final class DaemonHttp {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;

  public DaemonHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** The daemon's base URL, http://127.0.0.1:PORT (what the CLI's --url takes). */
  public String url() {
    return base;
  }

  /** Sends {@code request} and returns the answer as it is: status, headers and body. */
  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code request} without waiting: for requests that must be in flight together. */
  public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request to {@code path}; it times out after a minute unless the caller sets another timeout. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1));
  }

  /** GETs {@code path} and returns its body as JSON, whatever the status. */
  public JsonNode get(String path) {
    return parse(getRaw(path).body());
  }

  /** GETs {@code path} and returns the answer as it is: status, headers and body. */
  public HttpResponse<String> getRaw(String path) {
    return send(request(path));
  }

  /** GETs {@code path}; asserts a 200 answer and returns its body as it is. */
  public String getText(String path) {
    HttpResponse<String> r = getRaw(path);
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** GETs {@code path}; asserts a 200 answer and returns its JSON. */
  public JsonNode getOk(String path) {
    return parse(getText(path));
  }

  /** Submits {@code scenario}; asserts it was accepted and returns the experiment's id. */
  /** The experiment's {@code TaskCompleted} events (the event objects), in journal order. */
  public java.util.List<JsonNode> completions(String id) {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    for (JsonNode e : get("/api/experiments/" + id + "/events")) {
      if (e.path("type").asText().equals("TaskCompleted")) out.add(e.path("event"));
    }
    return out;
  }

  public String submit(String scenario) {
    HttpResponse<String> r = send(request("/api/experiments").POST(HttpRequest.BodyPublishers.ofString(scenario)));
    assertEquals(201, r.statusCode(), r.body());
    return parse(r.body()).path("id").asText();
  }

  /** The experiment's status as the API says it: running, finished, cancelled. */
  public String status(String id) {
    return get("/api/experiments/" + id).path("summary").path("status").asText();
  }

  /** Waits (at most {@code atMost}) until the experiment is no longer running; returns its status. */
  public String awaitEnded(String id, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> !status(id).equals("running"));
    return status(id);
  }

  /** Waits (at most {@code atMost}) until the experiment's detail satisfies {@code condition}; returns it. */
  public JsonNode awaitDetail(String id, Duration atMost, Predicate<JsonNode> condition) {
    return awaitJson(atMost, "/api/experiments/" + id, condition);
  }

  /** Waits (at most {@code atMost}) until GET {@code path} answers JSON that satisfies {@code condition}; returns it. */
  public JsonNode awaitJson(Duration atMost, String path, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> condition.test(last[0] = get(path)));
    return last[0];
  }

  /** POSTs to {@code path} with no body; asserts a 2xx answer and returns its JSON. */
  public JsonNode post(String path) {
    HttpResponse<String> r = send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(2, r.statusCode() / 100, r.statusCode() + " " + r.body());
    return parse(r.body());
  }

  /** POSTs {@code json} to {@code path}; the raw answer, whatever its status. */
  public HttpResponse<String> postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** {@code body} as JSON. */
  public static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
