package org.pathlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pathlab.data.Datasets;
import org.pathlab.data.DeviceDataset;
import org.pathlab.data.RawImages;
import org.pathlab.data.SplitIndices;
import org.pathlab.data.Splits;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.path.Step;
import org.pathlab.path.TransformLevel;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.scenario.Scenario;
import org.pathlab.scenario.ScenarioException;
import org.pathlab.scenario.ScenarioParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Writes everything the PyTorch reference needs to run a scenario's experiment as pathlab runs it:
 * the exact training, validation and test images (indices into the official files), the
 * per-channel normalization pathlab computes from the training split, the model's widths, the
 * transform settings, and every arm's path with each task's transforms and learning process.
 * One source of truth: bench/reference.py reads the settings from here, never from its own copy.
 */
@Command(name = "experiment-spec",
    description = "Write a scenario's data subset, normalization, model and arms as JSON for bench/reference.py.")
final class ExperimentSpecBench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--scenario", required = true, description = "the scenario file") Path scenarioFile;
  @Option(names = "--out", required = true, description = "where to write the JSON") Path out;

  @Override
  public Integer call() throws Exception {
    BenchCommand.engineSettings(1);
    Scenario s;
    try {
      s = ScenarioParser.parse(Files.readString(scenarioFile), scenarioFile.toString());
    } catch (ScenarioException e) {
      throw new ParameterException(spec.commandLine(), "invalid scenario:\n  " + String.join("\n  ", e.problems()));
    }
    DatasetSpec d = s.dataset();
    RawImages[] stored = Datasets.load(d.name(), List.of());
    RawImages[] raw = {stored[0].reshaped(d.channels(), d.size()), stored[1].reshaped(d.channels(), d.size())};
    SplitIndices split = Splits.of(raw[0].labels(), raw[1].labels(), d.splitSeed(), d.trainSize(), d.validationSize(), d.testSize());
    float[][] stats = DeviceDataset.channelStats(raw[0], split.train());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", s.name());
    json.put("dataset", d.name());
    json.put("shape", List.of(raw[0].channels(), raw[0].height(), raw[0].width()));
    json.put("model", s.model());
    SmallCnnWidths w = SmallCnnWidths.orDefault(s.widths());
    json.put("widths", List.of(w.conv1(), w.conv2(), w.hidden()));
    json.put("blur_filter", s.transforms().blurFilter().id());
    json.put("shift_max", s.transforms().shiftMax());
    json.put("train", split.train());
    json.put("validation", split.validation());
    json.put("test", split.test());
    json.put("mean", stats[0]);
    json.put("std", stats[1]);
    List<Map<String, Object>> arms = new ArrayList<>();
    for (Arm arm : s.arms()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", arm.name());
      a.put("baseline", arm.baseline());
      a.put("seeds", arm.baseline() ? s.baselineSeeds() : s.seeds());
      List<Map<String, Object>> steps = new ArrayList<>();
      for (Step step : arm.path().steps()) {
        Map<String, Object> t = new LinkedHashMap<>();
        Map<String, Double> levels = new LinkedHashMap<>();
        for (TransformLevel level : step.task().transforms()) levels.put(level.transform(), level.level());
        t.put("levels", levels);
        var p = step.process();
        t.put("learning_rate", p.learningRate());
        t.put("momentum", p.momentum());
        t.put("weight_decay", p.weightDecay());
        t.put("batch_size", p.batchSize());
        t.put("max_epochs", p.maxEpochs());
        t.put("patience", p.patience());
        t.put("bias_reset", p.biasReset() ? p.biasResetDelta() : null);
        steps.add(t);
      }
      a.put("steps", steps);
      arms.add(a);
    }
    json.put("arms", arms);
    if (out.getParent() != null) Files.createDirectories(out.getParent());
    new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    spec.commandLine().getOut().println("{\"framework\":\"pathlab\",\"spec\":\"" + out + "\",\"arms\":" + arms.size() + "}");
    return 0;
  }
}
