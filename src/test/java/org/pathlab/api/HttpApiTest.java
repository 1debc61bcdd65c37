package org.pathlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.cli.CliRun;
import org.pathlab.cli.ExitCodes;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.TestDaemons;

/**
 * Every endpoint and error of the HTTP API through a real HTTP client, against a real daemon that
 * requires a bearer token (as one bound to a non-loopback address does), and the CLI with and
 * without that token.
 */
@org.junit.jupiter.api.Tag("slow")
class HttpApiTest {

  private static final String TINY = """
      name = api-tiny
      dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 100 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 1, patience = 1 }
      arms = [{ name = baseline, path = baseline }]
      seeds = [1]
      """;

  @TempDir static Path dir;
  private static Daemon daemon;
  private static String url;
  private static String token;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    daemon = TestDaemons.start(dir.resolve("var"), Map.of("pathlab.http.require-token", "on"));
    url = "http://127.0.0.1:" + daemon.port();
    token = Files.readString(dir.resolve("var/api-token")).strip();
  }

  @AfterAll
  static void stop() throws Exception {
    daemon.close();
  }

  private static HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, token);
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  @Test
  void theTokenFileIsGeneratedForItsOwnerOnly() throws Exception {
    Path file = dir.resolve("var/api-token");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(64, token.length(), "32 random bytes in hex");
  }

  @Test
  void withoutTheRightTokenEveryEndpointButHealthAnswers401() throws Exception {
    int before = json.readTree(send("GET", "/api/experiments", null).body()).size();
    assertEquals(200, send("GET", "/api/health", null, null).statusCode(), "health needs no token");
    HttpResponse<String> page = send("GET", "/", null, null);
    assertEquals(200, page.statusCode(), "the dashboard's static files hold no data and need no token");
    assertTrue(page.body().contains("<title>pathlab</title>"));
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    assertEquals(200, send("GET", "/ui/app.js", null, null).statusCode());
    assertEquals(404, send("GET", "/ui/nope.js", null, null).statusCode());
    for (String[] request : List.of(
        new String[] {"GET", "/api/experiments"}, new String[] {"POST", "/api/experiments?name=x.conf"},
        new String[] {"GET", "/api/experiments/nope"}, new String[] {"POST", "/api/experiments/nope/cancel"},
        new String[] {"GET", "/api/experiments/nope/events"}, new String[] {"GET", "/api/experiments/nope/watch"},
        new String[] {"GET", "/api/experiments/nope/report"}, new String[] {"GET", "/api/devices"},
        new String[] {"POST", "/api/reports/rebuild"}, new String[] {"GET", "/api/reports/progress"})) {
      HttpResponse<String> missing = send(request[0], request[1], request[0].equals("POST") ? TINY : null, null);
      assertEquals(401, missing.statusCode(), request[1]);
      assertEquals("Bearer realm=\"pathlab\"", missing.headers().firstValue("WWW-Authenticate").orElse(""));
      assertTrue(json.readTree(missing.body()).path("error").asText().contains("requires an API token"), missing.body());
      HttpResponse<String> wrong = send(request[0], request[1], null, "0".repeat(64));
      assertEquals(401, wrong.statusCode(), request[1]);
      assertTrue(wrong.body().contains("wrong API token"), wrong.body());
    }
    assertEquals(before, json.readTree(send("GET", "/api/experiments", null).body()).size(), "nothing was submitted without a token");
  }

  @Test
  void badRequestsGetClearErrors() throws Exception {
    int before = json.readTree(send("GET", "/api/experiments", null).body()).size();
    HttpResponse<String> malformed = send("POST", "/api/experiments?name=broken.conf", "name = x\narms = [ { name = ");
    assertEquals(400, malformed.statusCode());
    JsonNode problem = json.readTree(malformed.body());
    assertTrue(problem.path("error").asText().contains("nothing was submitted"), malformed.body());
    assertTrue(problem.path("problems").get(0).asText().startsWith("broken.conf:"), "names the file and line: " + malformed.body());

    HttpResponse<String> invalid = send("POST", "/api/experiments?name=bad.conf", TINY.replace("max-epochs = 1", "max-epochs = -1"));
    assertEquals(400, invalid.statusCode());
    assertTrue(invalid.body().contains("bad.conf:4: training.max-epochs"), invalid.body());

    HttpResponse<String> oversized = send("POST", "/api/experiments?name=big.conf", "# " + "x".repeat(2 * 1024 * 1024));
    assertEquals(413, oversized.statusCode(), "bodies over 1 MiB are refused");

    for (String path : List.of("/api/experiments/nope", "/api/experiments/nope/events", "/api/experiments/nope/report",
        "/api/experiments/nope/watch")) {
      HttpResponse<String> r = send("GET", path, null);
      assertEquals(404, r.statusCode(), path);
      assertTrue(r.body().contains("no experiment 'nope'"), r.body());
    }
    assertEquals(404, send("POST", "/api/experiments/nope/cancel", null).statusCode());
    assertEquals(before, json.readTree(send("GET", "/api/experiments", null).body()).size(), "nothing was submitted");
  }

  @Test
  void errorsPekkoAnswersItselfHaveTheApisJsonShape() throws Exception {
    Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
    answers.put("404", send("GET", "/api/no-such-thing", null));
    answers.put("405", send("DELETE", "/api/experiments", null));
    answers.put("413", send("POST", "/api/experiments?name=big.conf", "# " + "x".repeat(2 * 1024 * 1024)));
    answers.put("414", send("GET", "/api/experiments?q=" + "x".repeat(10_000), null));
    for (var e : answers.entrySet()) {
      HttpResponse<String> r = e.getValue();
      assertEquals(Integer.parseInt(e.getKey()), r.statusCode(), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), e.getKey() + ": " + r.headers());
      JsonNode body = json.readTree(r.body());
      assertTrue(body.path("error").asText().length() > 10, e.getKey() + ": " + r.body());
      assertTrue(body.path("problems").isArray(), e.getKey() + ": " + r.body());
    }
    assertTrue(answers.get("404").body().contains("docs/api.md"), answers.get("404").body());
    assertTrue(answers.get("414").body().contains("max-uri-length"), answers.get("414").body());
  }

  @Test
  void anExperimentThroughEveryEndpoint() throws Exception {
    HttpResponse<String> submitted = send("POST", "/api/experiments?name=tiny.conf", TINY);
    assertEquals(201, submitted.statusCode(), submitted.body());
    String id = json.readTree(submitted.body()).path("id").asText();
    assertEquals(1, json.readTree(submitted.body()).path("tasks").asInt());

    // the watch stream: detail events until the experiment ends, then an end event
    HttpResponse<java.util.stream.Stream<String>> watch = http.send(
        HttpRequest.newBuilder(URI.create(url + "/api/experiments/" + id + "/watch")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, watch.statusCode());
    assertTrue(watch.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<String> lines = watch.body().toList();
    List<String> types = lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
    assertTrue(types.contains("detail"), String.join("\n", lines));
    assertEquals("end", types.get(types.size() - 1), "the stream ends with the experiment: " + types);
    assertTrue(lines.stream().anyMatch(l -> l.matches("data: ?\\{\"status\":\"finished\"}")), String.join("\n", lines));

    assertEquals("finished", json.readTree(send("GET", "/api/experiments/" + id, null).body()).path("summary").path("status").asText());
    assertTrue(json.readTree(send("GET", "/api/experiments", null).body()).findValuesAsText("id").contains(id));
    JsonNode events = json.readTree(send("GET", "/api/experiments/" + id + "/events", null).body());
    assertEquals(List.of("ExperimentSubmitted", "TaskCompleted", "RunFinished", "ExperimentFinished"),
        events.findValuesAsText("type"));
    for (String format : List.of("md", "json", "csv", "svg", "curves")) {
      assertEquals(200, send("GET", "/api/experiments/" + id + "/report?format=" + format, null).statusCode(), format);
    }
    assertEquals(404, send("GET", "/api/experiments/" + id + "/report?format=grid", null).statusCode(), "no 2-D arms, no grid");
    assertEquals(400, send("GET", "/api/experiments/" + id + "/report?format=pdf", null).statusCode());
    assertEquals(409, send("POST", "/api/experiments/" + id + "/cancel", null).statusCode(), "it has ended");

    JsonNode devices = json.readTree(send("GET", "/api/devices", null).body());
    assertEquals("cpu", devices.get(0).path("name").asText());
    assertTrue(devices.get(0).path("tasksTrained").asLong() >= 1, devices.toString());
    assertTrue(devices.get(0).path("training").isNull(), "idle now: " + devices);

    HttpResponse<String> rebuild = send("POST", "/api/reports/rebuild", null);
    assertEquals(202, rebuild.statusCode(), rebuild.body());
    long target = json.readTree(rebuild.body()).path("target").asLong();
    assertTrue(target >= events.size(), rebuild.body());
    // polled every 200 ms, at most 30 s
    JsonNode progress = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> json.readTree(send("GET", "/api/reports/progress", null).body()), p -> p.path("offset").asLong() >= target);
    assertEquals(target, progress.path("offset").asLong(), progress.toString());

    // The CLI: with the token (from --token-file) every command works; without it, exit code 7.
    String tokenFile = dir.resolve("var/api-token").toString();
    CliRun status = cli("status", "--url", url, "--token-file", tokenFile);
    assertEquals(ExitCodes.OK, status.code(), status.err());
    assertTrue(status.out().contains(id) && status.out().contains("finished"), status.out());
    CliRun watched = cli("watch", id, "--url", url, "--token-file", tokenFile);
    assertEquals(ExitCodes.OK, watched.code(), watched.err());
    assertTrue(watched.out().contains("api-tiny · finished · 1/1 tasks"), watched.out());
    CliRun devicesCli = cli("devices", "--url", url, "--token-file", tokenFile);
    assertTrue(devicesCli.out().contains("cpu") && devicesCli.out().contains("idle"), devicesCli.out());
    CliRun refused = cli("status", "--url", url);
    assertEquals(ExitCodes.UNAUTHORIZED, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains("requires an API token"), refused.err());
  }

  @Test
  void aSecondDaemonCannotTakeTheSameDataDirectory() {
    Exception e = assertThrows(IllegalStateException.class, () -> TestDaemons.start(dir.resolve("var")));
    assertTrue(e.getMessage().contains("is in use by another pathlab daemon (pid " + ProcessHandle.current().pid() + ")"), e.getMessage());
  }

  @Test
  void aDaemonReachableFromOtherMachinesMustRequireAToken() {
    Exception e = assertThrows(IllegalStateException.class, () -> TestDaemons.start(dir.resolve("other"),
        Map.of("pathlab.http.host", "0.0.0.0", "pathlab.http.require-token", "off")));
    assertTrue(e.getMessage().contains("must require a token"), e.getMessage());
  }
}
