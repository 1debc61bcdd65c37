package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** --url at a server that is no pathlab daemon (issue R, Observed 18): a sentence and exit 3, not "pathlab: " and exit 4. */
class NotADaemonTest {

  @Test
  void aBare404IsNoDaemon() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      for (String[] args : new String[][] {{"status", "--url", url}, {"report", "20261130-120000-abcd", "--url", url}}) {
        CliRun r = CliRun.of(args);
        assertEquals(ExitCodes.NO_DAEMON, r.code(), r.err());
        assertTrue(r.err().contains("the server answered HTTP 404 without a pathlab answer (an empty body); check that --url names "
            + "a pathlab daemon"), r.err());
      }
    } finally {
      server.stop(0);
    }
  }
}
