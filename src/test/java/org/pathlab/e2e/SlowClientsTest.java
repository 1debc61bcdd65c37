package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * Issue R, Observed 8: 1,100 connections that send a request head one line at a time, never
 * finishing it, do not keep {@code /api/health} from answering: each is closed once its head is
 * later than {@code pathlab.http.header-timeout}, while a response that takes longer than that to
 * send is not cut.
 */
@Tag("slow")
class SlowClientsTest {

  private static final int CLIENTS = 1_100; // more than pekko.http.server.max-connections (1024)

  @TempDir Path dir;

  @Test
  void elevenHundredSlowHeadsDoNotSilenceHealth() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("var"), Map.of("pathlab.http.header-timeout", "2s"))) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < CLIENTS; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), daemon.port());
          s.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
          slow.add(s);
        }
        // the slow clients keep sending a header line each second, and the daemon still answers health
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int closed = 0;
        HttpResponse<String> health = null;
        while (System.nanoTime() < deadline && health == null) {
          closed = 0;
          for (Socket s : slow) {
            try {
              OutputStream out = s.getOutputStream();
              out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
              out.flush();
            } catch (IOException e) {
              closed++;
            }
          }
          try {
            health = api.send(api.request("/api/health").timeout(Duration.ofSeconds(3)));
          } catch (RuntimeException timedOut) {
            Thread.onSpinWait();
          }
        }
        assertTrue(health != null, "no answer from /api/health within 30 s while " + CLIENTS + " slow clients were connected");
        assertEquals(200, health.statusCode(), health.body());
      } finally {
        for (Socket s : slow) s.close();
      }
      // a response that takes longer than the timeout to send is not cut: an experiment's event stream
      String id = api.submit("""
          name = watched
          dataset { name = fashion-mnist, train-size = 6000, validation-size = 500, test-size = 500 }
          training { max-epochs = 6, patience = 6 }
          arms = [{ name = baseline, path = baseline }]
          seeds = [1, 2]
          """);
      long start = System.nanoTime();
      HttpResponse<String> watch = api.send(api.request("/api/experiments/" + id + "/watch").timeout(Duration.ofMinutes(3)));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(200, watch.statusCode(), watch.body());
      assertTrue(seconds > 2, "the stream lasted " + seconds + " s, longer than the 2 s header timeout");
      assertTrue(watch.body().contains("event:end") || watch.body().contains("event: end"), "the stream ran to its end:\n" + watch.body());
    }
  }
}
