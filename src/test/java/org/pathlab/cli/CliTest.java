package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/** Every command on captured output and exit code, error paths included. */
@org.junit.jupiter.api.Tag("slow")
class CliTest {

  @TempDir static Path dir;
  private static Daemon daemon;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    daemon = TestDaemons.start(dir.resolve("var"));
    url = "http://127.0.0.1:" + daemon.port();
  }

  @AfterAll
  static void stop() throws Exception {
    daemon.close();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "submit"})
  void anInvalidScenarioNamesFileLineAndKey(String command) throws Exception {
    Path bad = file("bad.conf", "name = bad\ndataset { name = fashion-mnist, trian-size = 10 }\narms = [{ name = b, path = baseline }]\nseeds = [1]\n");
    CliRun r = command.equals("submit") ? run(command, bad.toString(), "--url", url) : run(command, bad.toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains(bad + ":2: dataset.trian-size: unknown key"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "submit"})
  void aMissingScenarioFileIsReported(String command) {
    String missing = dir.resolve("nope.conf").toString();
    CliRun r = command.equals("submit") ? run(command, missing, "--url", url) : run(command, missing);
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("no scenario file"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "status 20000101-000000-dead", "report 20000101-000000-dead", "report --rebuild",
      "submit scenarios/quickstart.conf", "submit scenarios/quickstart.conf --wait", "watch 20000101-000000-dead",
      "cancel 20000101-000000-dead", "devices"})
  void withoutADaemonEveryClientCommandSaysHowToStartOne(String command) {
    String[] args = (command + " --url http://127.0.0.1:9").split(" ");
    CliRun r = run(args);
    assertEquals(ExitCodes.NO_DAEMON, r.code(), r.err());
    assertTrue(r.err().contains("no pathlab daemon answers at http://127.0.0.1:9; start one with `ops/pathlab daemon`"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"report", "status", "watch", "cancel"})
  void anUnknownExperimentIsNotFound(String command) {
    CliRun r = run(command, "20000101-000000-dead", "--url", url);
    assertEquals(ExitCodes.NOT_FOUND, r.code());
    assertTrue(r.err().contains("no experiment '20000101-000000-dead'"), r.err());
  }

  /** Paths, blanks, queries and encodings: none may reach the daemon as another request (an empty row, exit 0). */
  static Stream<Arguments> idsThatAreNotExperimentIds() {
    List<String> ids = List.of("../experiments", "a b", "..", "20261125-023859-b13c/cancel", "20261125-023859-b13c?format=json",
        "%2e%2e", "", " 20261125-023859-b13c", "20261125-023859-B13C", "x\u001b[2J", "search-20261125-023859-b13c-x");
    return Stream.of("status", "watch", "report", "cancel").flatMap(c -> ids.stream().map(id -> Arguments.of(c, id)));
  }

  @ParameterizedTest
  @MethodSource("idsThatAreNotExperimentIds")
  void anIdNotOfTheFormExperimentsHaveIsAUsageErrorNamingIt(String command, String id) {
    CliRun r = run(command, id, "--url", url);
    assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    String shown = id.replace("\u001b", "\\u001b");
    assertEquals("pathlab: '" + shown + "' is not an experiment id (they look like 20261125-023859-b13c) or a search's "
        + "(search-20261125-023859-b13c); `pathlab status` lists them", r.err().strip());
  }

  @Test
  void aTokenFileThatIsADirectoryOrEmptyIsNamedWithWhatToGive() throws Exception {
    Path directory = Files.createDirectories(dir.resolve("token-dir"));
    CliRun r = run("status", "--url", url, "--token-file", directory.toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertEquals("pathlab: --token-file " + directory + " is a directory; give the file the daemon wrote its token to "
        + "(<data-dir>/api-token)", r.err().strip());
    Path empty = file("empty-token", "\n");
    CliRun blank = run("status", "--url", url, "--token-file", empty.toString());
    assertEquals(ExitCodes.USAGE, blank.code());
    assertTrue(blank.err().startsWith("pathlab: the token file " + empty + " is empty; give the file"), blank.err());
    CliRun device = run("status", "--url", url, "--token-file", "/dev/zero");
    assertEquals(ExitCodes.USAGE, device.code());
    assertTrue(device.err().startsWith("pathlab: --token-file /dev/zero is not a regular file; give the file"), device.err());
    Path binary = Files.write(dir.resolve("binary-token"), new byte[] {(byte) 0xE9, (byte) 0xFF, 'a'});
    CliRun notText = run("status", "--url", url, "--token-file", binary.toString());
    assertEquals(ExitCodes.USAGE, notText.code());
    assertTrue(notText.err().startsWith("pathlab: the token file " + binary + " holds no token (it is not text); give the file"),
        notText.err());
    Path two = file("two-tokens", "abc\ndef\n");
    CliRun lines = run("status", "--url", url, "--token-file", two.toString());
    assertEquals(ExitCodes.USAGE, lines.code());
    assertTrue(lines.err().contains("holds no single token"), lines.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:7471", "ftp://127.0.0.1:7471", "http://", "http://127.0.0.1:7471/ x", "http://h/?a=b"})
  void aUrlThatIsNoDaemonAddressIsAUsageError(String bad) {
    CliRun r = run("status", "--url", bad);
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().startsWith("pathlab: --url " + bad + " "), r.err());
    assertTrue(r.err().strip().endsWith("give the daemon's address, e.g. --url http://127.0.0.1:7471"), r.err());
  }

  @Test
  void statusListsNothingOnAFreshDaemon() {
    CliRun r = run("status", "--url", url);
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().contains("no experiments yet"), r.out());
    CliRun json = run("status", "--json", "--url", url);
    assertEquals("[]", json.out().strip());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(ExitCodes.USAGE, run().code());
    assertEquals(ExitCodes.USAGE, run("report", "x", "--format", "xml", "--url", url).code());
    assertEquals(ExitCodes.USAGE, run("frobnicate").code());
    CliRun both = run("submit", "scenarios/quickstart.conf", "--wait", "--detach", "--url", url);
    assertEquals(ExitCodes.USAGE, both.code());
    assertTrue(both.err().contains("--wait and --detach exclude each other"), both.err());
    assertEquals(ExitCodes.USAGE, run("report", "--url", url).code(), "report needs an id or --rebuild");
    CliRun missingToken = run("status", "--url", url, "--token-file", dir.resolve("no-such-token").toString());
    assertEquals(ExitCodes.USAGE, missingToken.code());
    assertTrue(missingToken.err().contains("cannot read the token file"), missingToken.err());
  }

  @Test
  void aSecondDaemonOnTheSameDataDirectoryIsRefusedWithTheReason() {
    CliRun r = run("daemon", "--data-dir", dir.resolve("var").toString(), "--port", "0");
    assertEquals(ExitCodes.DAEMON_ERROR, r.code());
    assertTrue(r.err().contains("is in use by another pathlab daemon"), r.err());
    assertTrue(r.err().contains("start this one with another --data-dir"), "says what to do: " + r.err());
  }

  @Test
  void aDaemonPortOrDataDirectoryThatCannotBeIsAUsageError() throws Exception {
    CliRun port = run("daemon", "--port", "99999", "--data-dir", dir.resolve("var-port").toString());
    assertEquals(ExitCodes.USAGE, port.code(), port.err());
    assertEquals("pathlab: --port 99999 is no TCP port; give 1 to 65535, or 0 to pick a free one", port.err().strip());
    Path file = file("not-a-dir", "x");
    CliRun data = run("daemon", "--port", "0", "--data-dir", file.toString());
    assertEquals(ExitCodes.USAGE, data.code(), data.err());
    assertEquals("pathlab: --data-dir " + file + " is a file, not a directory; give a directory (it is created when missing)",
        data.err().strip());
  }

  @Test
  void benchRefusesAnUnknownModelAsAUsageError() {
    CliRun r = run("bench", "throughput", "--model", "vgg", "--steps", "1", "--warmup", "0");
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: unknown model 'vgg'; known models are [small-cnn, resnet-18]", r.err().strip());
  }

  @Test
  void somethingThatHangsUpInsteadOfAnsweringIsNamedWithoutExceptionText() throws Exception {
    try (java.net.ServerSocket hangsUp = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        try {
          while (true) hangsUp.accept().close();
        } catch (java.io.IOException closed) {
          // the test is over
        }
      });
      server.setDaemon(true);
      server.start();
      String there = "http://127.0.0.1:" + hangsUp.getLocalPort();
      CliRun r = run("status", "--url", there);
      assertEquals(ExitCodes.NO_DAEMON, r.code(), r.err());
      assertTrue(r.err().startsWith("pathlab: could not talk to the daemon at " + there + " ("), r.err());
      assertTrue(r.err().strip().endsWith("); check that a pathlab daemon runs there and --url names it"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  @Test
  void replayNamesAMissingJournalAndWhatToGive() {
    CliRun r = run("replay", "--journal", dir.resolve("nope/pathlab.mv.db").toString(), "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("no H2 journal file at") && r.err().contains("<data-dir>/journal/pathlab.mv.db"), r.err());
  }

  @Test
  void transformsWritesAPictureGridPerTransform() throws Exception {
    Path out = dir.resolve("transforms");
    CliRun r = run("transforms", "--out", out.toString(), "--images", "2");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    for (String t : new String[] {"blur", "contrast", "shift"}) {
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(out.resolve(t + ".png").toFile());
      assertTrue(image.getWidth() > 100 && image.getHeight() > 28, t + ": " + image.getWidth() + "×" + image.getHeight());
    }
    Path area = dir.resolve("transforms-area");
    CliRun a = run("transforms", "--out", area.toString(), "--images", "2", "--blur-filter", "area");
    assertEquals(ExitCodes.OK, a.code(), a.err());
    assertTrue(!java.util.Arrays.equals(Files.readAllBytes(out.resolve("blur.png")), Files.readAllBytes(area.resolve("blur.png"))),
        "the area filter draws another blur");
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(out.resolve("contrast.png")), Files.readAllBytes(area.resolve("contrast.png"))),
        "and nothing else changes");
    CliRun badFilter = run("transforms", "--out", dir.resolve("transforms-bad").toString(), "--blur-filter", "gaussian");
    assertEquals(ExitCodes.USAGE, badFilter.code(), badFilter.err());
    assertEquals("pathlab: --blur-filter gaussian: give one of bilinear, area, antialias", badFilter.err().strip());
    CliRun bad = run("transforms", "--out", out.toString(), "--dataset", "imagenet");
    assertEquals(ExitCodes.USAGE, bad.code(), "an unknown dataset is refused: " + bad.err());
    assertEquals("pathlab: unknown dataset 'imagenet'; use one of the known datasets: mnist, fashion-mnist, cifar-10, svhn",
        bad.err().strip());
  }

  @Test
  void benchRefusesAnUnknownDeviceAsAUsageError() {
    CliRun r = run("bench", "throughput", "--device", "tpu(0)", "--steps", "1", "--warmup", "0");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("use cpu or gpu(N)"), r.err());
  }

  @Test
  void devicesListsTheCpuTrainer() {
    CliRun r = run("devices", "--url", url);
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().startsWith("DEVICE"), r.out());
    assertTrue(r.out().contains("cpu      cpu"), r.out());
    CliRun json = run("devices", "--json", "--url", url);
    assertTrue(json.out().contains("\"name\":\"cpu\""), json.out());
  }

  @Test
  void submitDetachedReturnsAtOnceWithTheIdAndHowToFollowIt() throws Exception {
    Path one = file("detached.conf", "name = detached\ndataset { name = fashion-mnist, train-size = 40, validation-size = 20, test-size = 20 }\n"
        + "training { max-epochs = 1, batch-size = 20 }\narms = [{ name = b, path = baseline }]\nseeds = [1]\n");
    // its own daemon: the shared one must stay empty for statusListsNothingOnAFreshDaemon
    try (Daemon other = TestDaemons.start(dir.resolve("var-detached"))) {
      String url = "http://127.0.0.1:" + other.port();
      CliRun r = run("submit", one.toString(), "--detach", "--url", url);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      String id = r.out().replaceAll("(?s)^submitted (\\S+):.*", "$1");
      assertTrue(r.out().contains("`pathlab watch " + id + "` follows it"), r.out());
      CliRun watched = run("watch", id, "--url", url);
      assertEquals(ExitCodes.OK, watched.code(), watched.err());
      assertTrue(watched.out().contains("detached · finished · 1/1 tasks"), watched.out());
      assertTrue(watched.out().contains("[#] 1/1 tasks · finished"), watched.out());
      CliRun json = run("watch", id, "--json", "--url", url);
      assertTrue(json.out().strip().lines().allMatch(l -> l.startsWith("{\"summary\"")), "one JSON document per line: " + json.out());
    }
  }

  @Test
  void theApiRejectsAnInvalidScenarioWithItsProblems() throws Exception {
    DaemonHttp api = new DaemonHttp(daemon.port());
    HttpResponse<String> r = api.send(api.request("/api/experiments?name=x.conf")
        .POST(HttpRequest.BodyPublishers.ofString("name = x\nseeds = [1, 1]\n")));
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("x.conf:2: seeds: lists seed 1 twice"), r.body());
    assertTrue(r.body().contains("nothing was submitted"), r.body());
    assertEquals(ExitCodes.OK, run("status", "--url", url).code(), "the daemon keeps serving");
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    CliRun r = run("--help");
    assertEquals(0, r.code());
    for (String c : new String[] {"daemon", "submit", "status", "watch", "report", "cancel", "devices", "validate", "replay",
        "datasets", "transforms", "Exit codes", "7 the daemon requires an API token"}) {
      assertTrue(r.out().contains(c), c + " in " + r.out());
    }
  }
}
