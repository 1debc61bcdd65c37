package org.pathlab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pathlab.data.DatasetException;
import org.pathlab.scenario.Scenario;

/**
 * The deeper check of a scenario's own files, which needs more than reading them: its dataset is
 * decoded once (a corrupt image, an npz with bad arrays is named) and its TorchScript module is
 * loaded and tried ({@link TorchScriptCheck}). {@code validate} and the daemon's submit ask it.
 */
public final class ScenarioFiles {

  private ScenarioFiles() {}

  public static List<String> problems(Scenario scenario, List<Path> modelRoots, List<Path> dataRoots) {
    List<String> problems = new ArrayList<>();
    if (scenario.dataset() != null && scenario.dataset().own() != null) {
      try {
        OwnData.load(scenario.dataset().own(), scenario.dataset().splitSeed(), dataRoots);
      } catch (DatasetException | IllegalArgumentException e) {
        problems.add("dataset.path: " + e.getMessage());
      }
    }
    if (scenario.torchscript() != null) problems.addAll(TorchScriptCheck.problems(scenario.torchscript(), modelRoots));
    return problems;
  }
}
