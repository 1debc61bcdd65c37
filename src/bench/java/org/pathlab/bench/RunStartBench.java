package org.pathlab.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pathlab.data.Datasets;
import org.pathlab.data.RawImages;
import org.pathlab.data.SplitIndices;
import org.pathlab.data.Splits;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.model.WeightsExport;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.scenario.Scenario;
import org.pathlab.scenario.ScenarioException;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.train.DataOrder;
import org.pathlab.train.Network;
import org.pathlab.train.Networks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a run of a scenario starts, for a reference that should start there too: the built-in
 * model's initial weights for a seed (PyTorch's default initialization as pathlab draws it), as a
 * safetensors file with PyTorch's names, and the order in which each of a task's first epochs
 * visits the training split. A reference trained from both differs from pathlab only in the
 * arithmetic of its steps (bench/run same-start).
 */
@Command(name = "run-start",
    description = "Write a run's initial weights (safetensors) and its first epochs' data orders (JSON) for bench/reference.py.")
final class RunStartBench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--scenario", required = true, description = "the scenario file") Path scenarioFile;
  @Option(names = "--seed", required = true, description = "the run's seed") long seed;
  @Option(names = "--task", defaultValue = "0", description = "the task whose data orders are written (default: ${DEFAULT-VALUE})") int task;
  @Option(names = "--epochs", defaultValue = "1", description = "how many epochs' orders (default: ${DEFAULT-VALUE})") int epochs;
  @Option(names = "--weights", required = true, description = "where to write the initial weights (.safetensors)") Path weights;
  @Option(names = "--orders", required = true, description = "where to write the data orders (JSON: one list of indices per epoch)") Path orders;

  @Override
  public Integer call() throws Exception {
    BenchCommand.engineSettings(1);
    Scenario s;
    try {
      s = ScenarioParser.parse(Files.readString(scenarioFile), scenarioFile.toString());
    } catch (ScenarioException e) {
      throw new ParameterException(spec.commandLine(), "invalid scenario:\n  " + String.join("\n  ", e.problems()));
    }
    if (s.torchscript() != null) {
      throw new ParameterException(spec.commandLine(), "run-start writes a built-in model's weights; " + scenarioFile + " trains a TorchScript module");
    }
    if (epochs < 1) throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, not " + epochs);
    DatasetSpec d = s.dataset();
    RawImages[] stored = Datasets.load(d.name(), List.of());
    RawImages train = stored[0].reshaped(d.channels(), d.size());
    SplitIndices split = Splits.of(train.labels(), stored[1].labels(), d.splitSeed(), d.trainSize(), d.validationSize(), d.testSize());
    int n = split.train().length;
    int[] input = {train.channels(), train.height(), train.width()};
    SmallCnnWidths widths = org.pathlab.model.ModelKind.of(s.model()).takesWidths() ? SmallCnnWidths.orDefault(s.widths()) : null;
    byte[] initial;
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        Network network = Networks.builtIn(s.model(), widths, d.classes(), new Shape(1, input[0], input[1], input[2]), null, manager, seed)) {
      initial = network.save();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("scenario", s.name());
    metadata.put("seed", String.valueOf(seed));
    metadata.put("what", "initial weights, before any step");
    write(weights, WeightsExport.safetensors(s.model(), widths, d.classes(), input, initial, metadata));
    List<long[]> perEpoch = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) perEpoch.add(DataOrder.permutation(n, seed, task, epoch));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("seed", seed);
    json.put("task", task);
    json.put("train_size", n);
    json.put("orders", perEpoch);
    write(orders, new ObjectMapper().writeValueAsBytes(json));
    spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(Map.of("framework", "pathlab", "weights", weights.toString(),
        "orders", orders.toString(), "seed", seed, "epochs", epochs)));
    return 0;
  }

  private static void write(Path file, byte[] bytes) throws java.io.IOException {
    if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes);
  }
}
