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
  void aBadModuleOrAMissingRootIsNamed() throws Exception {
    CliRun wrong = CliRun.of("validate", "--model-root", MODELS, scenario("five_classes.pt").toString());
    assertEquals(ExitCodes.USAGE, wrong.code());
    assertTrue(wrong.err().contains("own.conf: model.torchscript: five_classes.pt gives an output of shape (2, 5)"), wrong.err());
    CliRun noRoot = CliRun.of("validate", scenario("small_cnn.pt").toString());
    assertEquals(ExitCodes.USAGE, noRoot.code());
    assertTrue(noRoot.err().contains("own.conf:3: model.torchscript: no roots are configured") && noRoot.err().contains("pathlab.model-roots"),
        noRoot.err());
  }
}
