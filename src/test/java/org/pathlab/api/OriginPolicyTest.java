package org.pathlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.TestDaemons;

/**
 * Browser-origin protection against real daemons, with the token off (loopback default) and on:
 * a foreign {@code Host} (DNS rebinding) and a state change from a foreign {@code Origin} (a form
 * post or fetch from another site) are refused with 403 and change nothing; the dashboard's own
 * requests (its origin, under 127.0.0.1 or localhost) and the CLI's (no Origin) are served.
 * Requests are written by hand on a socket, since Java's HTTP client will not send a foreign Host.
 */
@org.junit.jupiter.api.Tag("slow")
class OriginPolicyTest {

  private static final String SCENARIO = """
      name = origin-check
      dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 100 }
      training { batch-size = 50, max-epochs = 1, patience = 1 }
      arms = [{ name = baseline, path = baseline }]
      seeds = [1]
      """;

  @TempDir static Path dir;
  private static Daemon open;
  private static Daemon guarded;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    open = TestDaemons.start(dir.resolve("open"));
    guarded = TestDaemons.start(dir.resolve("guarded"), Map.of("pathlab.http.require-token", "on"));
    token = Files.readString(dir.resolve("guarded/api-token")).strip();
  }

  @AfterAll
  static void stop() throws Exception {
    open.close();
    guarded.close();
  }

  record Answer(int status, String body) {}

  private static Daemon daemon(boolean withToken) {
    return withToken ? guarded : open;
  }

  /** One HTTP/1.1 request with exactly these headers (plus Content-Length and Connection: close). */
  private static Answer send(Daemon d, String method, String path, Map<String, String> headers, String body) throws IOException {
    try (Socket s = new Socket("127.0.0.1", d.port())) {
      s.setSoTimeout(30_000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int split = response.indexOf("\r\n\r\n");
      return new Answer(status, split < 0 ? "" : response.substring(split + 4));
    }
  }

  private static Map<String, String> headers(boolean withToken, String... pairs) {
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) h.put(pairs[i], pairs[i + 1]);
    if (withToken) h.put("Authorization", "Bearer " + token);
    return h;
  }

  private static int experiments(Daemon d, boolean withToken) throws IOException {
    Answer list = send(d, "GET", "/api/experiments", headers(withToken, "Host", "127.0.0.1:" + d.port()), null);
    assertEquals(200, list.status(), list.body());
    return list.body().equals("[]") ? 0 : list.body().split("\"id\"").length - 1;
  }

  @ParameterizedTest(name = "token {0}")
  @ValueSource(booleans = {false, true})
  void aForeignOriginCannotSubmitOrCancel(boolean withToken) throws IOException {
    Daemon d = daemon(withToken);
    int before = experiments(d, withToken);
    for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:1", "http://localhost.evil.example:" + d.port()}) {
      Answer a = send(d, "POST", "/api/experiments", headers(withToken, "Host", "127.0.0.1:" + d.port(), "Origin", origin,
          "Content-Type", "text/plain"), SCENARIO);
      assertEquals(403, a.status(), origin + ": " + a.body());
      assertTrue(a.body().startsWith("{\"error\"") && a.body().contains("another origin"), a.body());
    }
    Answer crossSite = send(d, "POST", "/api/experiments", headers(withToken, "Host", "127.0.0.1:" + d.port(),
        "Sec-Fetch-Site", "cross-site", "Content-Type", "text/plain"), SCENARIO);
    assertEquals(403, crossSite.status(), crossSite.body());
    assertEquals(403, send(d, "POST", "/api/reports/rebuild", headers(withToken, "Host", "127.0.0.1:" + d.port(),
        "Origin", "http://evil.example"), null).status());
    assertEquals(before, experiments(d, withToken), "a refused request created an experiment");
  }

  @ParameterizedTest(name = "token {0}")
  @ValueSource(booleans = {false, true})
  void aForeignHostIsRefusedEvenForReads(boolean withToken) throws IOException {
    Daemon d = daemon(withToken);
    for (String host : new String[] {"evil.example:" + d.port(), "evil.example", "localhost.evil.example:" + d.port()}) {
      for (String path : new String[] {"/api/experiments", "/api/health", "/"}) {
        Answer a = send(d, "GET", path, headers(withToken, "Host", host), null);
        assertEquals(403, a.status(), host + path + ": " + a.body());
        assertTrue(a.body().contains("host name"), a.body());
      }
    }
  }

  @ParameterizedTest(name = "token {0}")
  @ValueSource(booleans = {false, true})
  void theDashboardsOwnRequestsAndTheCliAreServed(boolean withToken) throws IOException {
    Daemon d = daemon(withToken);
    int before = experiments(d, withToken);
    for (String self : new String[] {"127.0.0.1:" + d.port(), "localhost:" + d.port()}) {
      Answer page = send(d, "GET", "/", headers(false, "Host", self), null);
      assertEquals(200, page.status());
      Answer submitted = send(d, "POST", "/api/experiments", headers(withToken, "Host", self, "Origin", "http://" + self,
          "Sec-Fetch-Site", "same-origin", "Content-Type", "text/plain; charset=utf-8"), SCENARIO);
      assertEquals(201, submitted.status(), submitted.body());
    }
    // the CLI sends no Origin
    Answer cli = send(d, "POST", "/api/experiments", headers(withToken, "Host", "127.0.0.1:" + d.port(),
        "Content-Type", "text/plain; charset=utf-8"), SCENARIO);
    assertEquals(201, cli.status(), cli.body());
    assertEquals(before + 3, experiments(d, withToken));
  }
}
