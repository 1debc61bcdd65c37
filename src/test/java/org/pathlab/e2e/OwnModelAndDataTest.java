package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.DaemonProcess;
import org.pathlab.testing.FashionFolders;
import org.pathlab.testing.TestDaemons;

/**
 * Issue O's acceptance: the small CNN written in PyTorch and exported to TorchScript
 * (src/test/resources/torchscript/make_models.py) trains on an image-folder dataset written from
 * real Fashion-MNIST images, baseline and blur→sharp with 2 seeds each; a daemon killed with
 * SIGKILL mid-run resumes to the same numbers as an uninterrupted run; an identical second
 * experiment reuses every prefix; a corrupt image is refused at submission, naming the file.
 */
@Tag("slow")
class OwnModelAndDataTest {

  private static final Path MODELS = Path.of("src/test/resources/torchscript").toAbsolutePath();

  private static final String SCENARIO = """
      name = own-model-own-data
      dataset { format = image-folder, path = fashion-folder, channels = 1, validation-size = 100 }
      model { torchscript = small_cnn.pt, input = [1, 28, 28], classes = 10 }
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 3, patience = 3 }
      arms = [
        { name = baseline, path = baseline }
        { name = blur, path = jump, transform = blur }
      ]
      seeds = [1, 2]
      """;

  @TempDir Path dir;

  @Test
  @Timeout(900)
  void ownModuleOnOwnImagesSurvivesSigkillWithTheSameNumbersAndIsReused() throws Exception {
    Path dataRoot = Files.createDirectories(dir.resolve("datasets"));
    FashionFolders.writeSplit(dataRoot.resolve("fashion-folder"), 60, 20);
    List<String> roots = List.of("pathlab.model-roots.0=" + MODELS, "pathlab.data-roots.0=" + dataRoot);

    Path data = dir.resolve("var");
    DaemonProcess daemon = DaemonProcess.start(data, dir.resolve("daemon-0.log"), roots);
    String id = daemon.api().submit(SCENARIO);
    daemon.awaitProgress(id, 2);
    assertEquals("running", daemon.api().status(id), "the kill must land while the experiment trains");
    daemon.kill();
    daemon = DaemonProcess.start(data, dir.resolve("daemon-1.log"), roots);
    JsonNode report;
    try {
      assertEquals("finished", daemon.awaitFinished(id).path("summary").path("status").asText());
      report = daemon.api().getOk("/api/experiments/" + id + "/report?format=json");
      String md = daemon.api().getText("/api/experiments/" + id + "/report");
      assertTrue(md.contains("torchscript small_cnn.pt (sha256 ") && md.contains("image-folder fashion-folder (sha256 ")
          && md.contains("1×28×28, 10 classes"), md);
    } finally {
      daemon.stop();
    }

    try (Daemon calm = TestDaemons.start(dir.resolve("calm"),
        Map.of("pathlab.model-roots", List.of(MODELS.toString()), "pathlab.data-roots", List.of(dataRoot.toString())))) {
      DaemonHttp api = new DaemonHttp(calm.port());
      String uninterrupted = api.submit(SCENARIO);
      assertEquals("finished", api.awaitEnded(uninterrupted, Duration.ofMinutes(5)));
      assertEquals(api.getOk("/api/experiments/" + uninterrupted + "/report?format=json").path("arms"), report.path("arms"),
          "the killed and resumed experiment has the numbers of an uninterrupted one");

      String again = api.submit(SCENARIO);
      assertEquals("finished", api.awaitEnded(again, Duration.ofMinutes(5)));
      JsonNode events = api.getOk("/api/experiments/" + again + "/events");
      int completed = 0;
      for (JsonNode e : events) {
        if (!e.path("type").asText().equals("TaskCompleted")) continue;
        completed++;
        assertTrue(!e.path("event").path("reusedFrom").isNull(), "reused: " + e);
      }
      assertEquals(6, completed, "2 baseline tasks + 2 × 2 blur→sharp tasks, every one reused");

      // a corrupt image: refused at submission, naming the file; nothing is recorded
      int known = api.getOk("/api/experiments").size();
      Path broken = dataRoot.resolve("fashion-folder/train/coat/zz-broken.png");
      Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
      HttpResponse<String> r = api.send(api.request("/api/experiments").POST(HttpRequest.BodyPublishers.ofString(SCENARIO)));
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(r.body().contains("zz-broken.png cannot be decoded as an image") || r.body().contains("zz-broken.png is not a PNG"),
          r.body());
      assertEquals(known, api.getOk("/api/experiments").size(), "nothing recorded");
    }
  }
}
