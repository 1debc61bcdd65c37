package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Daemons in separate JVMs form a Pekko Cluster on loopback, sharing a PostgreSQL journal and a
 * checkpoint directory. Two nodes: an experiment's runs train on both; one is killed (SIGKILL); the
 * other completes it. Three nodes: the node that supervises the experiment is killed; the others
 * (the majority) take over its supervisor. Either way, exactly one TaskCompleted per (run, task).
 */
@Tag("slow")
class ClusterTest {

  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern TRAIN_START = Pattern.compile("train-start device=\\S+ experiment=(\\S+) run=(\\S+) task=(\\d+)");

  private static final String SCENARIO = """
      name = cluster
      dataset { name = fashion-mnist, train-size = 1500, validation-size = 200, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 2 }
      arms = [{ name = baseline, path = baseline }, { name = j, path = jump, transform = blur }]
      seeds = [1, 2, 3, 4]
      reuse = false
      """;

  @TempDir Path dir;
  private String database;
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  private record Node(Process process, String url, Path log) {}

  @BeforeEach
  void database() {
    database = PostgresEndToEndTest.createDatabase();
  }

  @AfterEach
  void cleanUp() throws Exception {
    processes.forEach(Process::destroyForcibly);
    // the nodes' logs stay for a look after a failure
    Path logs = Files.createDirectories(Path.of("target/cluster-logs"));
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(f, logs.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    PostgresEndToEndTest.dropDatabase(database);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Node start(String name, int clusterPort, List<Integer> seeds) throws Exception {
    return start(name, clusterPort, seeds, "keep-majority");
  }

  private Node start(String name, int clusterPort, List<Integer> seeds, String splitBrain) throws Exception {
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Dai.djl.offline=true",
        "-Dpathlab.training.threads=1",
        "-Dpathlab.journal.url=" + PostgresEndToEndTest.url(database),
        "-Dpathlab.checkpoint-dir=" + dir.resolve("shared-checkpoints"),
        "-Dpathlab.cluster.enabled=on", "-Dpathlab.cluster.port=" + clusterPort,
        "-Dpathlab.cluster.split-brain-resolver=" + splitBrain));
    for (int i = 0; i < seeds.size(); i++) command.add("-Dpathlab.cluster.seed-nodes." + i + "=127.0.0.1:" + seeds.get(i));
    command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "org.pathlab.cli.Main", "daemon", "--data-dir", dir.resolve(name).toString(), "--port", "0"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(log));
      if (m.find()) return new Node(p, "http://127.0.0.1:" + m.group(1), log);
      if (!p.isAlive()) fail(name + " died at start:\n" + Files.readString(log));
      Thread.sleep(100);
    }
    throw new AssertionError(name + " did not start:\n" + Files.readString(log));
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return json.readTree(r.body());
  }

  private void assertEachTaskCompletedOnce(Node node, String id) throws Exception {
    Set<String> completed = new HashSet<>();
    for (JsonNode e : get(node.url() + "/api/experiments/" + id + "/events")) {
      if (!e.path("type").asText().equals("TaskCompleted")) continue;
      String key = e.path("event").path("runId").asText() + "/" + e.path("event").path("taskIndex").asInt();
      assertTrue(completed.add(key), "a second TaskCompleted for " + key);
    }
    assertEquals(12, completed.size(), "4 baseline runs × 1 task + 4 runs × 2 tasks, each completed once");
  }

  /** Polls until the experiment has ended; returns its detail. */
  private JsonNode awaitEnded(Node node, String id) throws Exception {
    JsonNode detail;
    long deadline = System.currentTimeMillis() + 360_000;
    do {
      Thread.sleep(500);
      detail = get(node.url() + "/api/experiments/" + id);
    } while (detail.path("summary").path("status").asText().equals("running") && System.currentTimeMillis() < deadline);
    return detail;
  }

  private static Set<String> trainedRuns(Path log, String id) throws Exception {
    Set<String> runs = new HashSet<>();
    Matcher m = TRAIN_START.matcher(Files.readString(log));
    while (m.find()) if (m.group(1).equals(id)) runs.add(m.group(2) + "/" + m.group(3));
    return runs;
  }

  private static void awaitLog(Path log, String text, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (!Files.readString(log).contains(text)) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("no '" + text + "' in\n" + Files.readString(log));
      Thread.sleep(100);
    }
  }

  @Test
  @Timeout(420)
  void twoNodesShareTheWorkAndWhenOneIsKilledTheOtherFinishes() throws Exception {
    int portA = freePort();
    int portB = freePort();
    // two nodes: keep-oldest, so that the oldest (a, started first) goes on when the other dies
    Node a = start("pair-a", portA, List.of(portA, portB), "keep-oldest");
    Node b = start("pair-b", portB, List.of(portA, portB), "keep-oldest");
    awaitLog(a.log(), "trainers in the cluster: 2", 90_000);
    awaitLog(b.log(), "trainers in the cluster: 2", 90_000);

    HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(b.url() + "/api/experiments?name=cluster.conf"))
        .POST(HttpRequest.BodyPublishers.ofString(SCENARIO)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, submitted.statusCode(), submitted.body());
    String id = json.readTree(submitted.body()).path("id").asText();

    long deadline = System.currentTimeMillis() + 180_000;
    while ((trainedRuns(a.log(), id).isEmpty() || trainedRuns(b.log(), id).isEmpty()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(!trainedRuns(a.log(), id).isEmpty() && !trainedRuns(b.log(), id).isEmpty(),
        "runs train on both nodes: a " + trainedRuns(a.log(), id) + ", b " + trainedRuns(b.log(), id));
    assertEquals("running", get(a.url() + "/api/experiments/" + id).path("summary").path("status").asText(), "killed while it runs");

    b.process().destroyForcibly(); // the node the experiment was submitted to, and its trainer's task
    b.process().waitFor();

    JsonNode detail = awaitEnded(a, id);
    assertEquals("finished", detail.path("summary").path("status").asText(), "the other node finished it");
    assertEachTaskCompletedOnce(a, id);
  }

  @Test
  @Timeout(540)
  void runsTrainOnSeveralNodesAndWhenTheSupervisingNodeDiesAnotherFinishesTheExperiment() throws Exception {
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) nodes.add(start("node-" + (char) ('a' + i), ports.get(i), ports));
    for (Node n : nodes) awaitLog(n.log(), "trainers in the cluster: 3", 90_000);

    Node entry = nodes.get(2);
    HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(entry.url() + "/api/experiments?name=cluster.conf"))
        .POST(HttpRequest.BodyPublishers.ofString(SCENARIO)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, submitted.statusCode(), submitted.body());
    String id = json.readTree(submitted.body()).path("id").asText();

    // The node whose shard holds the experiment's supervisor.
    Node host = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (host == null && System.currentTimeMillis() < deadline) {
      for (Node n : nodes) if (Files.readString(n.log()).contains("experiment " + id + " is supervised on this node")) host = n;
      Thread.sleep(100);
    }
    assertTrue(host != null, "a node supervises the experiment");

    // Its runs train on more than one node.
    deadline = System.currentTimeMillis() + 180_000;
    long training;
    do {
      Thread.sleep(100);
      training = 0;
      for (Node n : nodes) if (!trainedRuns(n.log(), id).isEmpty()) training++;
    } while (training < 2 && System.currentTimeMillis() < deadline);
    assertTrue(training >= 2, "runs train on several nodes");
    List<Node> survivors = new ArrayList<>(nodes);
    survivors.remove(host);
    assertEquals("running", get(survivors.get(0).url() + "/api/experiments/" + id).path("summary").path("status").asText(),
        "killed while it runs");

    // SIGKILL the supervising node: its entity, its runners and its trainer's task are gone. The two
    // others are the majority: they down it, and sharding starts the experiment's entity on one of them.
    host.process().destroyForcibly();
    host.process().waitFor();

    Node survivor = survivors.get(0);
    JsonNode detail = awaitEnded(survivor, id);
    assertEquals("finished", detail.path("summary").path("status").asText(), "the survivors finished it");
    for (JsonNode run : detail.path("runs")) assertEquals("finished", run.path("status").asText(), run.toString());
    boolean recovered = false;
    for (Node n : survivors) recovered |= Files.readString(n.log()).contains("experiment " + id + " recovered with");
    assertTrue(recovered, "the experiment's supervisor was recovered on a surviving node");

    assertEachTaskCompletedOnce(survivor, id);
  }
}
