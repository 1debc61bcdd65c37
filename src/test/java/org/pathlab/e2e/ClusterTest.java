package org.pathlab.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.testing.DaemonHttp;

/**
 * Daemons in separate JVMs form a Pekko Cluster on loopback, sharing a PostgreSQL journal and a
 * checkpoint directory. Two nodes: an experiment's runs train on both; one is killed (SIGKILL); the
 * other completes it. Three nodes: the node that supervises the experiment is killed; the others
 * (the majority) take over its supervisor. Either way, exactly one TaskCompleted per (run, task).
 */
@Tag("slow")
class ClusterTest {

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

  private record Node(Process process, DaemonHttp api, Path log) {}

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

  private static final java.util.regex.Pattern SERVING = java.util.regex.Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)");

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Node start(String name, int clusterPort, List<Integer> seeds) throws Exception {
    return start(name, clusterPort, seeds, "keep-majority");
  }

  /** Starts a node in its own JVM; returns once its API answers. */
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
    // the HTTP port is the one the daemon bound (a port chosen here could be taken by another
    // process's outgoing connection before the daemon binds it), read from its log line
    int[] httpPort = new int[1];
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!p.isAlive()) fail(name + " died at start:\n" + Files.readString(log));
      java.util.regex.Matcher m = SERVING.matcher(Files.readString(log));
      if (m.find()) httpPort[0] = Integer.parseInt(m.group(1));
      return httpPort[0] > 0;
    });
    Node node = new Node(p, new DaemonHttp(httpPort[0]), log);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!p.isAlive()) fail(name + " died at start:\n" + Files.readString(log));
      try {
        return node.api().send(node.api().request("/api/health")).statusCode() == 200;
      } catch (java.io.UncheckedIOException notYet) {
        return false;
      }
    });
    return node;
  }

  /** Waits until the node's device queue knows {@code count} trainers (every node's). */
  private static void awaitTrainers(Node node, int count) {
    node.api().awaitJson(Duration.ofSeconds(90), "/api/cluster", c -> c.path("trainers").size() == count);
  }

  /**
   * The nodes whose trainers train a task of experiment {@code id} now, as the queues of
   * {@code nodes} see them (the experiment's runs send their work through the queue of the node
   * that supervises it).
   */
  private static Set<String> nodesTraining(List<Node> nodes, String id) {
    Set<String> training = new HashSet<>();
    for (Node node : nodes) {
      for (JsonNode t : node.api().get("/api/cluster").path("trainers")) {
        if (t.path("training").path("experimentId").asText().equals(id)) training.add(t.path("node").asText());
      }
    }
    return training;
  }

  private static boolean supervises(Node node, String id) {
    for (JsonNode e : node.api().get("/api/cluster").path("supervising")) if (e.asText().equals(id)) return true;
    return false;
  }

  private static void assertEachTaskCompletedOnce(Node node, String id) {
    Set<String> completed = new HashSet<>();
    for (JsonNode e : node.api().get("/api/experiments/" + id + "/events")) {
      if (!e.path("type").asText().equals("TaskCompleted")) continue;
      String key = e.path("event").path("runId").asText() + "/" + e.path("event").path("taskIndex").asInt();
      assertTrue(completed.add(key), "a second TaskCompleted for " + key);
      assertTrue(e.path("event").path("trainedOn").path("node").asText().startsWith("127.0.0.1:"), "the node it trained on: " + e);
    }
    assertEquals(12, completed.size(), "4 baseline runs × 1 task + 4 runs × 2 tasks, each completed once");
  }

  @Test
  @Timeout(420)
  void twoNodesShareTheWorkAndWhenOneIsKilledTheOtherFinishes() throws Exception {
    int portA = freePort();
    int portB = freePort();
    // two nodes: keep-oldest, so that the oldest (a, started first) goes on when the other dies
    Node a = start("pair-a", portA, List.of(portA, portB), "keep-oldest");
    Node b = start("pair-b", portB, List.of(portA, portB), "keep-oldest");
    awaitTrainers(a, 2);
    awaitTrainers(b, 2);

    String id = b.api().submit(SCENARIO);
    // runs train on both nodes at once: the supervising node's queue sends work to the other's trainer too
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> nodesTraining(List.of(a, b), id).size() == 2);
    assertEquals("running", a.api().status(id), "killed while it runs");

    b.process().destroyForcibly(); // the node the experiment was submitted to, and its trainer's task
    b.process().waitFor();

    assertEquals("finished", a.api().awaitEnded(id, Duration.ofMinutes(6)), "the other node finished it");
    assertEachTaskCompletedOnce(a, id);
  }

  @Test
  @Timeout(540)
  void runsTrainOnSeveralNodesAndWhenTheSupervisingNodeDiesAnotherFinishesTheExperiment() throws Exception {
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) nodes.add(start("node-" + (char) ('a' + i), ports.get(i), ports));
    for (Node n : nodes) awaitTrainers(n, 3);

    Node entry = nodes.get(2);
    String id = entry.api().submit(SCENARIO);

    // The node whose shard holds the experiment's supervisor: exactly one.
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> nodes.stream().filter(n -> supervises(n, id)).count() == 1);
    Node host = nodes.stream().filter(n -> supervises(n, id)).findFirst().orElseThrow();

    // Its runs train on more than one node at once.
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> nodesTraining(List.of(host), id).size() >= 2);
    List<Node> survivors = new ArrayList<>(nodes);
    survivors.remove(host);
    assertEquals("running", survivors.get(0).api().status(id), "killed while it runs");

    // SIGKILL the supervising node: its entity, its runners and its trainer's task are gone. The two
    // others are the majority: they down it, and sharding starts the experiment's entity on one of them.
    host.process().destroyForcibly();
    host.process().waitFor();

    Node survivor = survivors.get(0);
    // sharding remembers the entity: one survivor starts the experiment's supervisor again
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> survivors.stream().filter(n -> supervises(n, id)).count() == 1);
    assertEquals("finished", survivor.api().awaitEnded(id, Duration.ofMinutes(6)), "the survivors finished it");
    for (JsonNode run : survivor.api().get("/api/experiments/" + id).path("runs")) {
      assertEquals("finished", run.path("status").asText(), run.toString());
    }

    assertEachTaskCompletedOnce(survivor, id);
  }
}
