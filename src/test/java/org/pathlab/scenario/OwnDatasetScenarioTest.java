package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.testing.FashionFolders;

/** {@code dataset { format = image-folder | npz, path = … }}: found under the data roots only, listed, hashed, checked against the sizes asked for. */
class OwnDatasetScenarioTest {

  @TempDir Path root;

  private static String scenario(String dataset) {
    return """
        name = own-data
        dataset { %s }
        training { learning-rate = 0.01, max-epochs = 2, patience = 1 }
        arms = [{ name = baseline, path = baseline }]
        seeds = [1]
        """.formatted(dataset);
  }

  private Scenario parse(String dataset) {
    return ScenarioParser.parse(scenario(dataset), "own.conf", ScenarioLimits.DEFAULTS, new Roots(List.of(), List.of(root)));
  }

  private List<String> problems(String dataset) {
    return assertThrows(ScenarioException.class, () -> parse(dataset)).problems();
  }

  @Test
  void anImageFolderIsListedHashedAndSized() throws Exception {
    FashionFolders.writeSplit(root.resolve("fashion"), 6, 2);
    DatasetSpec spec = parse("format = image-folder, path = fashion, validation-size = 10").dataset();
    OwnDataset own = spec.own();
    assertEquals(List.of(3, 28, 28, 10, 60, 20), List.of(own.channels(), own.height(), own.width(), own.classes(), own.trainCount(),
        own.testCount()), "RGB by default, the images' own size");
    assertEquals(10, spec.classes());
    assertTrue(spec.describe().startsWith("image-folder fashion (sha256 ") && spec.describe().endsWith("3×28×28, 10 classes)"),
        spec.describe());
    OwnDataset grey = parse("format = image-folder, path = fashion, channels = 1, size = [32, 24], validation-size = 10").dataset().own();
    assertEquals(List.of(1, 32, 24), List.of(grey.channels(), grey.height(), grey.width()));
    assertTrue(grey.resize());
    assertEquals(own.sha256(), grey.sha256(), "the same files");

    List<String> big = problems("format = image-folder, path = fashion, validation-size = 60");
    assertTrue(big.get(0).contains("dataset.validation-size: is 60; fashion has 60 training images"), big.toString());
    List<String> outside = problems("format = image-folder, path = \"../\", validation-size = 10");
    assertTrue(outside.get(0).contains("dataset.path: ") && outside.get(0).contains("is not a file under the allowed roots [" + root + "]"),
        outside.toString());
    List<String> unsplit = problems("format = image-folder, path = fashion/train, validation-size = 10");
    assertTrue(unsplit.get(0).contains("set dataset.test-fraction"), unsplit.toString());
    OwnDataset held = parse("format = image-folder, path = fashion/train, test-fraction = 0.5, validation-size = 10").dataset().own();
    assertEquals(List.of(30, 30), List.of(held.trainCount(), held.testCount()));
  }

  @Test
  void aModelMustTakeWhatTheDatasetGives() throws Exception {
    FashionFolders.writeSplit(root.resolve("fashion"), 2, 1);
    Path models = Path.of("src/test/resources/torchscript").toAbsolutePath();
    String text = scenario("format = image-folder, path = fashion, validation-size = 5")
        + "model { torchscript = small_cnn.pt, input = [1, 28, 28] }\n";
    List<String> p = assertThrows(ScenarioException.class,
        () -> ScenarioParser.parse(text, "own.conf", ScenarioLimits.DEFAULTS, new Roots(List.of(models), List.of(root)))).problems();
    assertTrue(p.get(0).contains("model.input: is [1, 28, 28]; the dataset gives 3×28×28 images"), p.toString());
  }

  @Test
  void anNpzFileIsSummarizedAndKeysOfTheOtherFormatAreRefused() throws Exception {
    Path file = org.pathlab.data.NpzImagesTestAccess.numpyWrites(root.resolve("fashion.npz"), 40);
    OwnDataset own = parse("format = npz, path = fashion.npz, validation-size = 5").dataset().own();
    assertEquals(List.of(1, 28, 28, 20, 20), List.of(own.channels(), own.height(), own.width(), own.trainCount(), own.testCount()));
    assertEquals(org.pathlab.data.RootedFiles.sha256(file), own.sha256());
    DatasetSpec padded = parse("format = npz, path = fashion.npz, validation-size = 5, channels = 3, size = 32").dataset();
    assertEquals(List.of(3, 32), List.of(padded.channels(), padded.size()), "reshaped as the built-in sets are");
    List<String> fraction = problems("format = npz, path = fashion.npz, validation-size = 5, test-fraction = 0.2");
    assertTrue(fraction.get(0).contains("test-fraction applies to image folders"), fraction.toString());
    List<String> both = problems("name = fashion-mnist, format = npz, path = fashion.npz, validation-size = 5");
    assertTrue(both.get(0).contains("dataset.name: is set beside dataset.format"), both.toString());
    List<String> stray = problems("name = fashion-mnist, path = fashion.npz");
    assertTrue(stray.get(0).contains("dataset.path: belongs to a dataset of your own"), stray.toString());
    assertTrue(Files.exists(file));
  }
}
