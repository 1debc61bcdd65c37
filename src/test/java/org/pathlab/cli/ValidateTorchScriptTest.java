package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `validate` loads a scenario's TorchScript module once and names what is wrong with it, as submit will. */
class ValidateTorchScriptTest {

  private static final String MODELS = Path.of("src/test/resources/torchscript").toAbsolutePath().toString();

  @TempDir Path dir;

  private Path scenario(String file) throws Exception {
    return Files.writeString(dir.resolve("own.conf"), """
        name = own
        dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
        model { torchscript = "%s", input = [1, 28, 28] }
        arms = [
          { name = baseline, path = baseline }
          { name = blur, path = jump, transform = blur }
        ]
        seeds = [1, 2]
        """.formatted(file));
  }

  @Test
  void aGoodModuleValidatesAndIsDescribed() throws Exception {
    CliRun r = CliRun.of("validate", "--model-root", MODELS, scenario("small_cnn.pt").toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().contains("valid — torchscript small_cnn.pt (sha256 ") && r.out().contains("input 1×28×28, 10 classes, init pytorch-default"),
        r.out());
  }

  @Test
  void anImageFolderIsDecodedAndTheModelTriedOnIt() throws Exception {
    Path data = java.nio.file.Files.createDirectories(dir.resolve("data"));
    org.pathlab.testing.FashionFolders.writeSplit(data.resolve("fashion"), 8, 2);
    Path file = Files.writeString(dir.resolve("folder.conf"), """
        name = own-data
        dataset { format = image-folder, path = fashion, channels = 1, validation-size = 20 }
        model { torchscript = small_cnn.pt, input = [1, 28, 28] }
        arms = [{ name = baseline, path = baseline }]
        seeds = [1, 2]
        """);
    CliRun ok = CliRun.of("validate", "--model-root", MODELS, "--data-root", data.toString(), file.toString());
    assertEquals(ExitCodes.OK, ok.code(), ok.err());
    assertTrue(ok.out().contains("on image-folder fashion (sha256 ") && ok.out().contains("1×28×28, 10 classes)"), ok.out());
    Files.write(data.resolve("fashion/test/bag/corrupt.png"), new byte[] {1, 2, 3});
    CliRun bad = CliRun.of("validate", "--model-root", MODELS, "--data-root", data.toString(), file.toString());
    assertEquals(ExitCodes.USAGE, bad.code());
    assertTrue(bad.err().contains("dataset.path: ") && bad.err().contains("corrupt.png"), bad.err());
  }

  @Test
  void aBadModuleOrAMissingRootIsNamed() throws Exception {
    CliRun wrong = CliRun.of("validate", "--model-root", MODELS, scenario("five_classes.pt").toString());
    assertEquals(ExitCodes.USAGE, wrong.code());
    assertTrue(wrong.err().contains("own.conf: model.torchscript: five_classes.pt gives an output of shape (2, 5)"), wrong.err());
    CliRun noRoot = CliRun.of("validate", scenario("small_cnn.pt").toString());
    assertEquals(ExitCodes.USAGE, noRoot.code());
    assertTrue(noRoot.err().contains("own.conf:3: model.torchscript: no roots are configured") && noRoot.err().contains("pathlab.model-roots"),
        noRoot.err());
  }

  @Test
  void aModuleWhoseCodeReachesForAFileIsRefusedBeforeItRuns() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    Path target = Files.writeString(dir.resolve("victim.txt"), "untouched");
    String line = "_9 = torch.copy_(torch.from_file(\"" + target + "\", True, 8), torch.zeros([8], dtype=0))";
    Files.write(models.resolve("evil.pt"), org.pathlab.model.TorchScriptCodeTest.withLine(line));
    CliRun r = CliRun.of("validate", "--model-root", models.toString(), scenario("evil.pt").toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.out());
    assertTrue(r.err().contains("own.conf: model.torchscript: evil.pt is a module whose code calls torch.from_file (code/__torch__.py, line 12)"),
        r.err());
    assertEquals("untouched", Files.readString(target));
  }
}
