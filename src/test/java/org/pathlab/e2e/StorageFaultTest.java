package org.pathlab.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * A real daemon whose data directory is on a small tmpfs that fills up while an experiment trains:
 * health turns 503 and names the fault, a submission is refused at once, and once the filler is
 * deleted the daemon works again by itself — the experiment finishes with every event acknowledged
 * before the fault still in the journal, a new experiment runs, and a restarted daemon has it all.
 */
@Tag("slow")
class StorageFaultTest {

  private static final String TINY = """
      name = %s
      dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 100 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 1, patience = 1 }
      arms = [
        { name = baseline, path = baseline }
        { name = "blur→sharp", path = jump, transform = blur }
      ]
      seeds = [%s]
      """;

  @TempDir Path dir;

  @Test
  void aFullDiskIsReportedAndTheDaemonRecoversByItselfOnceSpaceIsFreedLosingNothing() throws Exception {
    Path fs = dir.resolve("fs");
    Files.createDirectories(fs);
    mountTmpfs(fs, "64m");
    Path data = fs.resolve("var");
    Daemon daemon = null;
    try {
      daemon = TestDaemons.start(data);
      DaemonHttp api = new DaemonHttp(daemon.port());
      assertEquals(200, api.getRaw("/api/health").statusCode());
      String first = api.submit(TINY.formatted("before-the-fault", "1, 2, 3"));
      await("a first task completion").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
          .until(() -> count(events(api, first), "TaskCompleted") >= 1);
      JsonNode acknowledged = events(api, first);

      // The disk fills up.
      Path filler = fs.resolve("filler");
      fill(filler);
      long full = System.nanoTime();
      HttpResponse<String> fault = await("health reports the fault").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100)).until(() -> api.getRaw("/api/health"), r -> r.statusCode() != 200);
      System.out.printf("storage-fault: health answered %d %.1f s after the disk filled%n", fault.statusCode(), seconds(full));
      assertEquals(503, fault.statusCode(), fault.body());
      JsonNode problem = DaemonHttp.parse(fault.body());
      assertTrue(problem.path("error").asText().startsWith("the daemon cannot write its storage: "), fault.body());
      assertTrue(fault.body().contains("No space left on device"), "names the cause: " + fault.body());
      assertTrue(fault.body().contains(data.toString()), "names where: " + fault.body());
      // the monitor's own probe finds it too, without a supervisor's word
      HttpResponse<String> probed = await("the probe's finding").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> api.getRaw("/api/health"), r -> r.body().contains("the data directory " + data + " could not be written"));
      assertEquals(503, probed.statusCode(), probed.body());

      long asked = System.nanoTime();
      HttpResponse<String> refused = api.send(api.request("/api/experiments?name=during.conf")
          .POST(HttpRequest.BodyPublishers.ofString(TINY.formatted("during-the-fault", "1"))));
      System.out.printf("storage-fault: a submission was answered %d in %.2f s%n", refused.statusCode(), seconds(asked));
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("nothing was submitted"), refused.body());
      assertTrue(seconds(asked) < 15, "answered at once, not after the 30 s ask timeout");
      // The list never pretends the journal is empty: it lists the accepted experiment, or says it cannot read.
      HttpResponse<String> duringFault = api.getRaw("/api/experiments");
      assertTrue(duringFault.statusCode() == 503 || duringFault.body().contains(first),
          "during the fault: " + duringFault.statusCode() + " " + duringFault.body());

      // Space is freed: the daemon works again by itself.
      Files.delete(filler);
      long freed = System.nanoTime();
      await("health back to 200").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> api.getRaw("/api/health").statusCode() == 200);
      System.out.printf("storage-fault: health answered 200 %.1f s after space was freed%n", seconds(freed));
      JsonNode detail = awaitEnded(api, first);
      System.out.printf("storage-fault: the first experiment finished %.1f s after space was freed%n", seconds(freed));
      for (JsonNode run : detail.path("runs")) assertEquals("finished", run.path("status").asText(), run.toString());
      JsonNode after = events(api, first);
      assertPrefix(acknowledged, after);
      assertEquals(9, count(after, "TaskCompleted"), "one completion per (run, task): 3 baseline runs + 3 jump runs × 2 tasks");

      String second = api.submit(TINY.formatted("after-the-fault", "4")); // a new seed: trained, not reused
      awaitEnded(api, second);
      JsonNode list = api.get("/api/experiments");
      assertEquals(List.of(first, second), ids(list), "the refused submission left nothing behind: " + list);
      // the report projection went on after the fault: it wrote both reports
      await("report files").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() ->
          Files.exists(data.resolve("reports").resolve(first).resolve("report.json"))
              && Files.exists(data.resolve("reports").resolve(second).resolve("report.json")));

      // A restarted daemon has everything.
      daemon.close();
      daemon = TestDaemons.start(data);
      DaemonHttp again = new DaemonHttp(daemon.port());
      JsonNode listed = again.get("/api/experiments");
      assertEquals(List.of(first, second), ids(listed));
      for (JsonNode e : listed) assertEquals("finished", e.path("status").asText(), e.toString());
      assertEquals(after, events(again, first), "the journal after the restart is the journal before it");
    } finally {
      if (daemon != null) daemon.close();
      unmount(fs);
    }
  }

  /** Every event acknowledged before the fault is still there, in the same place. */
  private static void assertPrefix(JsonNode before, JsonNode after) {
    assertTrue(after.size() >= before.size(), "events were lost: " + before.size() + " before, " + after.size() + " after");
    for (int i = 0; i < before.size(); i++) assertEquals(before.get(i), after.get(i), "event " + i);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    for (JsonNode e : list) ids.add(e.path("id").asText());
    return ids;
  }

  private static long count(JsonNode events, String type) {
    long n = 0;
    for (JsonNode e : events) if (e.path("type").asText().equals(type)) n++;
    return n;
  }

  /** Waits (at most 3 minutes) until the experiment has ended; returns its detail. */
  private static JsonNode awaitEnded(DaemonHttp api, String id) {
    return api.awaitDetail(id, Duration.ofMinutes(3), d -> !d.path("summary").path("status").asText().equals("running"));
  }

  /** The experiment's events; asserts a 200 answer. */
  private static JsonNode events(DaemonHttp api, String id) {
    return api.getOk("/api/experiments/" + id + "/events");
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  /** Writes until the file system is full. */
  private static void fill(Path filler) {
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int i = 0; i < 4096; i++) out.write(block);
      fail("the tmpfs did not fill up with 4 GiB");
    } catch (IOException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
    }
  }

  /** A tmpfs of {@code size} on {@code dir}: as root, else through sudo without a password; a clear failure otherwise. */
  private static void mountTmpfs(Path dir, String size) throws Exception {
    List<String> mount = List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    String root = run(mount);
    if (root == null) return;
    List<String> sudo = new ArrayList<>(List.of("sudo", "-n"));
    sudo.addAll(mount);
    String viaSudo = run(sudo);
    if (viaSudo == null) return;
    fail("StorageFaultTest needs a small tmpfs to fill up: run the tests as root, or allow `sudo -n mount` and `sudo -n umount`."
        + "\nmount said: " + root + "\nsudo -n mount said: " + viaSudo);
  }

  private static void unmount(Path dir) throws Exception {
    if (run(List.of("umount", dir.toString())) == null) return;
    if (run(List.of("sudo", "-n", "umount", dir.toString())) == null) return;
    // still busy: detach it now, the kernel frees it once nothing uses it
    run(List.of("umount", "-l", dir.toString()));
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  private static String run(List<String> command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      return p.waitFor() == 0 ? null : out.strip() + " (exit " + p.exitValue() + ")";
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
