package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathlab.cli.CliRun;
import org.pathlab.cli.ExitCodes;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;
import org.slf4j.LoggerFactory;

/**
 * Every file in src/test/resources/hostile-scenarios/ is sent to a real daemon (default settings:
 * loopback, no token) and given to the CLI's {@code validate}. Each must be refused with its
 * documented answer (first line {@code # expect: TEXT}: 400 and exit 2, both naming TEXT; a
 * second line {@code # http: STATUS TEXT} overrides the daemon's answer), and none may leak a
 * secret planted in a file, in an environment variable of the process (set by the build, see
 * pom.xml) and in a system property — not in an answer, a log line, the journal or a report — or
 * make the daemon open a connection (a local listener counts them), or stop it answering
 * {@code /api/health}.
 *
 * <p>Cases are expanded from macros: {@code @SECRET_FILE@}, {@code @PORT@} (the listener),
 * {@code @ENV@}, {@code @PROP@}, {@code @REPEAT:N:TEXT@}, {@code @SEQ:A:B@} (A to B−1),
 * {@code @BYTE:HH@} and {@code @NUL@} (raw bytes).
 */
@Tag("slow")
class HostileInputTest {

  private static final Path DIR = Path.of("src/test/resources/hostile-scenarios");
  private static final String ENV = "PATHLAB_CANARY_SECRET";
  private static final String PROP = "pathlab.canary.secret";
  private static final String FILE_SECRET = "canary-file-5d0c8e21a7f3";
  private static final String PROP_SECRET = "canary-prop-93b1f4e07c26";
  private static final Pattern MACRO = Pattern.compile("@([A-Z_]+)(?::([^@]*))?@");

  @TempDir static Path dir;
  private static Daemon daemon;
  private static DaemonHttp api;
  private static Path secretFile;
  private static ServerSocket listener;
  private static final AtomicInteger connections = new AtomicInteger();
  private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private static final List<String> seen = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    assertNotNull(System.getenv(ENV), ENV + " must be set in the test JVM's environment (pom.xml, surefire)");
    System.setProperty(PROP, PROP_SECRET);
    secretFile = dir.resolve("api-token-of-another-daemon");
    Files.writeString(secretFile, FILE_SECRET + "\nname = " + FILE_SECRET + "\n");
    listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread accept = new Thread(() -> {
      while (!listener.isClosed()) {
        try (Socket s = listener.accept()) {
          connections.incrementAndGet();
        } catch (IOException closed) {
          return;
        }
      }
    }, "outbound-request-listener");
    accept.setDaemon(true);
    accept.start();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    daemon = TestDaemons.start(dir.resolve("var"));
    api = new DaemonHttp(daemon.port());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      daemon.close();
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
      listener.close();
      assertEquals(0, connections.get(), "a scenario made the daemon or the CLI open a connection to the local listener");
      for (ILoggingEvent e : logs.list) {
        String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage());
        assertNoSecret(line, "log line");
      }
      try (Stream<Path> files = Files.walk(dir.resolve("var"))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          // Kryo marks the last character of an ASCII string: look for all but the last
          String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          for (String secret : secrets()) {
            assertFalse(bytes.contains(secret.substring(0, secret.length() - 1)), "a secret is in " + f);
          }
        }
      }
      for (String answer : seen) assertNoSecret(answer, "answer");
    } finally {
      System.clearProperty(PROP);
    }
  }

  static Stream<Path> cases() throws IOException {
    return Files.list(DIR).filter(p -> p.toString().endsWith(".conf")).sorted();
  }

  @Test
  void theCorpusHasAtLeastFortyCases() throws IOException {
    assertTrue(cases().count() >= 40, "the hostile corpus shrank below 40 cases");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void isRefusedWithItsAnswerAndLeaksNothing(Path file) throws Exception {
    String template = Files.readString(file);
    List<String> header = template.lines().limit(2).toList();
    assertTrue(header.get(0).startsWith("# expect: "), file + " must start with '# expect: TEXT'");
    String expected = header.get(0).substring("# expect: ".length());
    int status = 400;
    String httpExpected = expected;
    if (header.get(1).startsWith("# http: ")) {
      String[] parts = header.get(1).substring("# http: ".length()).split(" ", 2);
      status = Integer.parseInt(parts[0]);
      httpExpected = parts[1];
    }
    byte[] scenario = expand(template);
    String name = file.getFileName().toString();

    HttpResponse<String> answer = api.send(api.request("/api/experiments?name=" + name)
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofByteArray(scenario)));
    seen.add(answer.body());
    assertEquals(status, answer.statusCode(), name + ": " + answer.body());
    assertTrue(answer.body().startsWith("{\"error\""), name + ": the answer is the API's JSON error: " + answer.body());
    assertTrue(answer.body().contains(httpExpected), name + ": expected '" + httpExpected + "' in " + answer.body());
    assertNoSecret(answer.body(), name);

    HttpResponse<String> health = api.send(api.request("/api/health").timeout(Duration.ofSeconds(10)));
    assertEquals(200, health.statusCode(), "after " + name + " the daemon must still answer /api/health");

    Path local = dir.resolve(name);
    Files.write(local, scenario);
    CliRun cli = CliRun.of("validate", local.toString());
    seen.add(cli.out() + cli.err());
    assertEquals(ExitCodes.USAGE, cli.code(), name + ": " + cli.err());
    assertTrue(cli.err().contains(expected), name + ": expected '" + expected + "' in " + cli.err());
    assertFalse(cli.err().contains("Exception") || cli.err().contains("\tat "), name + ": raw exception text: " + cli.err());
    assertNoSecret(cli.out() + cli.err(), name + " (CLI)");
  }

  private static List<String> secrets() {
    return List.of(FILE_SECRET, PROP_SECRET, System.getenv(ENV));
  }

  private static void assertNoSecret(String text, String where) {
    for (String secret : secrets()) assertFalse(text.contains(secret), "a planted secret leaked into " + where + ": " + text);
  }

  /** The case's bytes, its macros expanded. */
  private static byte[] expand(String template) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Matcher m = MACRO.matcher(template);
    int at = 0;
    while (m.find()) {
      out.writeBytes(template.substring(at, m.start()).getBytes(StandardCharsets.UTF_8));
      String arg = m.group(2);
      switch (m.group(1)) {
        case "SECRET_FILE" -> out.writeBytes(secretFile.toString().getBytes(StandardCharsets.UTF_8));
        case "PORT" -> out.writeBytes(String.valueOf(listener.getLocalPort()).getBytes(StandardCharsets.UTF_8));
        case "ENV" -> out.writeBytes(ENV.getBytes(StandardCharsets.UTF_8));
        case "PROP" -> out.writeBytes(PROP.getBytes(StandardCharsets.UTF_8));
        case "NUL" -> out.write(0);
        case "BYTE" -> out.write(Integer.parseInt(arg, 16));
        case "REPEAT" -> {
          int colon = arg.indexOf(':');
          out.writeBytes(arg.substring(colon + 1).repeat(Integer.parseInt(arg.substring(0, colon))).getBytes(StandardCharsets.UTF_8));
        }
        case "SEQ" -> {
          String[] range = arg.split(":");
          StringBuilder seq = new StringBuilder();
          for (int i = Integer.parseInt(range[0]); i < Integer.parseInt(range[1]); i++) seq.append(seq.length() == 0 ? "" : ", ").append(i);
          out.writeBytes(seq.toString().getBytes(StandardCharsets.UTF_8));
        }
        default -> throw new IllegalArgumentException("unknown macro " + m.group());
      }
      at = m.end();
    }
    out.writeBytes(template.substring(at).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
