package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.data.RootedFiles;
import org.pathlab.model.TorchScriptModel;

/** {@code model { torchscript = … }}: found only under the model roots, hashed, and checked against the dataset's images. */
class TorchScriptScenarioTest {

  static final Path MODELS = Path.of("src/test/resources/torchscript").toAbsolutePath();

  private static String scenario(String model) {
    return """
        name = own
        dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
        model { %s }
        training { learning-rate = 0.01, max-epochs = 2, patience = 1 }
        arms = [{ name = baseline, path = baseline }]
        seeds = [1]
        """.formatted(model);
  }

  private static Scenario parse(String model, Roots roots) {
    return ScenarioParser.parse(scenario(model), "own.conf", ScenarioLimits.DEFAULTS, roots);
  }

  private static List<String> problems(String model, Roots roots) {
    return assertThrows(ScenarioException.class, () -> parse(model, roots)).problems();
  }

  @Test
  void aModuleUnderARootIsHashedAndCarriedToThePlan() throws Exception {
    Scenario s = parse("torchscript = small_cnn.pt, input = [1, 28, 28]", new Roots(List.of(MODELS)));
    TorchScriptModel m = s.torchscript();
    assertEquals(new TorchScriptModel("small_cnn.pt", RootedFiles.sha256(MODELS.resolve("small_cnn.pt")), 1, 28, 28, 10,
        TorchScriptModel.Init.PYTORCH_DEFAULT), m, "classes and init default to 10 and pytorch-default");
    assertEquals(TorchScriptModel.NAME, s.model());
    assertNull(s.widths());
    Plan plan = Plan.of(s);
    assertEquals(m, plan.torchscript());
    assertTrue(plan.modelDescription().startsWith("torchscript small_cnn.pt (sha256 "), plan.modelDescription());
    assertEquals(TorchScriptModel.Init.FILE, parse("torchscript = small_cnn.pt, input = [1, 28, 28], init = file",
        new Roots(List.of(MODELS))).torchscript().init());
  }

  /** pathlab cannot cast inside a module's code: bf16 is refused, auto is fp32 on any hardware. */
  @Test
  void aModuleTrainsInFp32() {
    String model = "torchscript = small_cnn.pt, input = [1, 28, 28]";
    String bf16 = scenario(model).replace("training {", "training { precision = bf16,");
    List<String> p = assertThrows(ScenarioException.class,
        () -> ScenarioParser.parse(bf16, "own.conf", ScenarioLimits.DEFAULTS, new Roots(List.of(MODELS)))).problems();
    assertTrue(p.size() == 1 && p.get(0).contains("training.precision") && p.get(0).contains("a TorchScript module trains in fp32"), p.toString());
    Scenario auto = ScenarioParser.parse(scenario(model).replace("training {", "training { precision = auto,"), "own.conf",
        ScenarioLimits.DEFAULTS, new Roots(List.of(MODELS)));
    assertEquals("fp32", Plan.of(auto, new org.pathlab.model.Precision.Host(true, true, org.pathlab.model.CpuIsa.Bf16.AMX)).precision());
  }

  @Test
  void aFileOutsideTheRootsIsRefusedNamingTheRoots(@TempDir Path elsewhere) throws Exception {
    Path outside = elsewhere.resolve("net.pt");
    Files.copy(MODELS.resolve("small_cnn.pt"), outside);
    List<String> p = problems("torchscript = \"" + outside + "\", input = [1, 28, 28]", new Roots(List.of(MODELS)));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("own.conf:3: model.torchscript: ") && p.get(0).contains("is not a file under the allowed roots [" + MODELS + "]"),
        p.get(0));
    // a relative name cannot climb out of a root, nor can a link inside one
    Path root = Files.createDirectories(elsewhere.resolve("root"));
    Files.createSymbolicLink(root.resolve("link.pt"), outside);
    for (String name : List.of("../net.pt", "link.pt")) {
      List<String> q = problems("torchscript = \"" + name + "\", input = [1, 28, 28]", new Roots(List.of(root)));
      // the refusal names neither where the name leads nor whether a file is there (issue R, Observed 10)
      assertTrue(q.get(0).contains("is not a file under the allowed roots") && !q.get(0).contains(outside.toString()), name + ": " + q);
    }
    List<String> none = problems("torchscript = small_cnn.pt, input = [1, 28, 28]", Roots.NONE);
    assertTrue(none.get(0).contains("set pathlab.model-roots"), none.toString());
    List<String> missing = problems("torchscript = nothing.pt, input = [1, 28, 28]", new Roots(List.of(MODELS)));
    assertTrue(missing.get(0).contains("nothing.pt is not a file under the allowed roots"), missing.toString());
    assertEquals(p.get(0).replace(outside.toString(), "X"), problems("torchscript = \"" + elsewhere.resolve("none.pt") + "\", input = [1, 28, 28]",
        new Roots(List.of(MODELS))).get(0).replace(elsewhere.resolve("none.pt").toString(), "X"), "a file outside and no file at all: the same answer");
  }

  @Test
  void theInputMustBeWhatTheDatasetGives() {
    List<String> p = problems("torchscript = rgb_32.pt, input = [3, 32, 32]", new Roots(List.of(MODELS)));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).contains("model.input: is [3, 32, 32]; the dataset gives 1×28×28 images")
        && p.get(0).contains("dataset { channels = 3, size = 32 }"), p.get(0));
    String reshaped = scenario("torchscript = rgb_32.pt, input = [3, 32, 32]")
        .replace("test-size = 50 }", "test-size = 50, channels = 3, size = 32 }");
    assertEquals(3, ScenarioParser.parse(reshaped, "own.conf", ScenarioLimits.DEFAULTS, new Roots(List.of(MODELS))).torchscript().channels());
    List<String> classes = problems("torchscript = small_cnn.pt, input = [1, 28, 28], classes = 5", new Roots(List.of(MODELS)));
    assertTrue(classes.get(0).contains("model.classes: is 5; fashion-mnist has 10 classes"), classes.toString());
    List<String> missingInput = problems("torchscript = small_cnn.pt", new Roots(List.of(MODELS)));
    assertTrue(missingInput.get(0).contains("model.input: missing"), missingInput.toString());
  }

  @Test
  void aModelIsEitherBuiltInOrAFile() {
    List<String> both = problems("name = small-cnn, torchscript = small_cnn.pt, input = [1, 28, 28]", new Roots(List.of(MODELS)));
    assertTrue(both.get(0).contains("model.name: is set beside model.torchscript"), both.toString());
    List<String> stray = problems("name = small-cnn, input = [1, 28, 28]", new Roots(List.of(MODELS)));
    assertTrue(stray.get(0).contains("model.input: belongs to a TorchScript model"), stray.toString());
  }

  @Test
  void theCliLeavesTheLookupToTheDaemon() {
    Scenario s = parse("torchscript = wherever.pt, input = [1, 28, 28]", Roots.ELSEWHERE);
    assertEquals(TorchScriptModel.NAME, s.model());
    assertNull(s.torchscript(), "not looked up here");
  }
}
