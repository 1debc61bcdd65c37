package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.model.TorchScriptCodeTest;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.FashionFolders;
import org.pathlab.testing.HostileFiles;
import org.pathlab.testing.TestDaemons;

/**
 * Issue R's files, sent to a real daemon with a model root and a data root: each is refused with
 * a 400 naming the problem before it costs memory or runs, the daemon answers health after each,
 * and the file a model tried to write outside the data directory is unchanged.
 */
@Tag("slow")
class HostileFilesTest {

  @TempDir static Path dir;
  private static Daemon daemon;
  private static DaemonHttp api;
  private static Path models;
  private static Path data;
  private static Path victim;

  @BeforeAll
  static void start() throws Exception {
    models = Files.createDirectories(dir.resolve("models"));
    data = Files.createDirectories(dir.resolve("data"));
    victim = Files.writeString(dir.resolve("victim.txt"), "untouched");
    daemon = TestDaemons.start(dir.resolve("var"), Map.of("pathlab.model-roots", List.of(models.toString()),
        "pathlab.data-roots", List.of(data.toString())));
    api = new DaemonHttp(daemon.port());
  }

  @AfterAll
  static void stop() throws Exception {
    daemon.close();
    assertEquals("untouched", Files.readString(victim), "nothing outside the data directory changed");
  }

  private static void refused(String scenario, String expected) {
    HttpResponse<String> answer = api.send(api.request("/api/experiments").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(scenario)));
    assertEquals(400, answer.statusCode(), answer.body());
    assertTrue(answer.body().startsWith("{\"error\"") && answer.body().contains(expected), expected + " in " + answer.body());
    assertEquals(200, api.getRaw("/api/health").statusCode(), "the daemon still answers health");
  }

  private static String model(String file) {
    return """
        name = hostile-model
        dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
        model { torchscript = "%s", input = [1, 28, 28] }
        arms = [{ name = baseline, path = baseline }]
        seeds = [1]
        """.formatted(file);
  }

  private static String folder(String path) {
    return """
        name = hostile-data
        dataset { format = image-folder, path = "%s", channels = 1, test-fraction = 0.5, validation-size = 4 }
        arms = [{ name = baseline, path = baseline }]
        seeds = [1]
        """.formatted(path);
  }

  private static String npz(String path) {
    return """
        name = hostile-npz
        dataset { format = npz, path = "%s", validation-size = 2 }
        arms = [{ name = baseline, path = baseline }]
        seeds = [1]
        """.formatted(path);
  }

  @Test
  void aModuleThatWritesThroughFromFileIsRefusedBeforeItRuns() throws Exception {
    String line = "_9 = torch.copy_(torch.from_file(\"" + victim + "\", True, 8), torch.zeros([8], dtype=0))";
    Files.write(models.resolve("evil.pt"), TorchScriptCodeTest.withLine(line));
    refused(model("evil.pt"), "evil.pt is a module whose code calls torch.from_file (code/__torch__.py, line 12)");
  }

  @Test
  void aModuleThatInflatesToGigabytesIsRefused() throws Exception {
    Files.write(models.resolve("bomb.pt"), TorchScriptCodeTest.deflated(" ".repeat(200 << 20)));
    refused(model("bomb.pt"), "bomb.pt is a");
  }

  @Test
  void aSparseThreeGigabyteImageIsRefusedFromItsSize() throws Exception {
    Path folder = data.resolve("sparse");
    FashionFolders.write(FashionFolders.fashion()[0], folder, 2);
    try (RandomAccessFile f = new RandomAccessFile(folder.resolve("bag/zz.png").toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    refused(folder("sparse"), "zz.png is 3221225472 bytes; an image file may be at most 67108864 bytes");
  }

  @Test
  void aLinkOutOfTheFolderAndAHugeImageAreRefused() throws Exception {
    Path linked = data.resolve("linked");
    FashionFolders.write(FashionFolders.fashion()[0], linked, 2);
    Files.createSymbolicLink(linked.resolve("bag/zz-out.png"), victim);
    refused(folder("linked"), "zz-out.png is a link that leads outside the dataset's folder");

    Path huge = data.resolve("huge");
    FashionFolders.write(FashionFolders.fashion()[0], huge, 2);
    Files.write(huge.resolve("bag/000-huge.png"), HostileFiles.pngHeader(40_000, 40_000));
    refused(folder("huge"), "000-huge.png is 40000×40000 pixels");
  }

  @Test
  void npzHeadersThatOverflowOrInflateAreRefused() throws Exception {
    HostileFiles.npz(data.resolve("overflow.npz"), HostileFiles.npy("|u1", "(9223372036854775807, 28, 28)", new byte[0]),
        HostileFiles.npy("<i8", "(1,)", new byte[8]));
    refused(npz("overflow.npz"), "more elements than any file can hold");
    HostileFiles.npz(data.resolve("bomb.npz"), HostileFiles.npy("|u1", "(3000000, 28, 28)", new byte[0]),
        HostileFiles.npy("<i8", "(3000000,)", new byte[0]));
    refused(npz("bomb.npz"), "a dataset may take at most 768 MiB");
  }
}
