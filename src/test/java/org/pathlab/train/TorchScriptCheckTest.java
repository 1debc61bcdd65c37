package org.pathlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlab.data.RootedFiles;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.model.TorchScriptModel.Init;

/** What validate and submit say of a module before anything trains: one clear problem per defect, none for a good module. */
class TorchScriptCheckTest {

  private static List<String> problems(String file, int channels, int size, int classes, Init init) throws Exception {
    var model = new TorchScriptModel(file, RootedFiles.sha256(TorchScriptTest.MODELS.resolve(file)), channels, size, size, classes, init);
    return TorchScriptCheck.problems(model, List.of(TorchScriptTest.MODELS));
  }

  private static String only(List<String> problems) {
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }

  @Test
  void aGoodModuleHasNoProblems() throws Exception {
    assertEquals(List.of(), problems("small_cnn.pt", 1, 28, 10, Init.PYTORCH_DEFAULT));
    assertEquals(List.of(), problems("batchnorm_cnn.pt", 1, 28, 10, Init.PYTORCH_DEFAULT));
    assertEquals(List.of(), problems("rgb_32.pt", 3, 32, 10, Init.FILE));
  }

  @Test
  void filesThatAreNotTorchScriptAreNamed() throws Exception {
    for (String file : List.of("not_torchscript.pt", "state_dict.pt")) {
      String p = only(problems(file, 1, 28, 10, Init.PYTORCH_DEFAULT));
      assertTrue(p.startsWith("model.torchscript: " + file + " is not a TorchScript module"), p);
      assertTrue(p.contains("torch.jit.script(model).save(path)"), "says how to make one: " + p);
    }
  }

  @Test
  void theWrongOutputShapeIsNamedWithTheShapeNeeded() throws Exception {
    String p = only(problems("five_classes.pt", 1, 28, 10, Init.PYTORCH_DEFAULT));
    assertTrue(p.contains("gives an output of shape (2, 5)") && p.contains("logits of shape (2, 10)"), p);
  }

  @Test
  void aDeclaredInputTheModuleCannotTakeIsNamed() throws Exception {
    String p = only(problems("rgb_32.pt", 1, 28, 10, Init.FILE));
    assertTrue(p.contains("a batch of shape (2, 1, 28, 28)") && p.contains("fails in its forward pass"), p);
  }

  @Test
  void aModuleWithNothingToTrainIsRefused() throws Exception {
    String p = only(problems("no_parameters.pt", 1, 28, 10, Init.FILE));
    assertTrue(p.contains("has no parameters"), p);
  }

  @Test
  void aParameterWithoutAKnownDefaultNeedsInitFile() throws Exception {
    String p = only(problems("free_parameter.pt", 1, 28, 10, Init.PYTORCH_DEFAULT));
    assertTrue(p.contains("parameter 'scale'") && p.contains("use init = file"), p);
    assertEquals(List.of(), problems("free_parameter.pt", 1, 28, 10, Init.FILE));
  }
}
