package org.pathlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pathlab.data.Datasets;
import org.pathlab.data.RawImages;
import org.pathlab.data.SplitIndices;
import org.pathlab.data.Splits;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.path.Task;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.train.EpochListener;
import org.pathlab.train.TaskOutcome;
import org.pathlab.train.TaskTrainer;
import org.pathlab.train.TrainRequest;
import org.pathlab.transform.TransformSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "correctness",
    description = "Train the small CNN for a fixed number of epochs on a Fashion-MNIST subset, once per seed; "
        + "writes the subset's indices and normalization for the PyTorch reference.")
final class CorrectnessBench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--seeds", defaultValue = "1,2,3,4,5", split = ",") List<Long> seeds;
  @Option(names = "--epochs", defaultValue = "5") int epochs;
  @Option(names = "--train-size", defaultValue = "5000") int trainSize;
  @Option(names = "--test-size", defaultValue = "2000") int testSize;
  @Option(names = "--batch", defaultValue = "64") int batch;
  @Option(names = "--lr", defaultValue = "0.01") double learningRate;
  @Option(names = "--threads", defaultValue = "2") int threads;
  @Option(names = "--indices-out", required = true) Path indicesOut;
  @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu(N): where the runs train (the GPU device check compares the two)")
  String device;

  @Override
  public Integer call() throws Exception {
    BenchCommand.engineSettings(threads);
    // No validation split: the trainer then runs every epoch and keeps the last parameters, as the reference does.
    DatasetSpec data = new DatasetSpec("fashion-mnist", trainSize, 0, testSize, 0);
    writeIndices(data);
    LearningProcess process = new LearningProcess(learningRate, 0.9, 1e-3, batch, epochs, epochs, false, 0.01);
    Path checkpoints = Files.createTempDirectory("pathlab-bench");
    try (TaskTrainer trainer = new TaskTrainer(new org.pathlab.daemon.DeviceSpec("bench", device).device(), roots(), checkpoints)) {
      for (long seed : seeds) {
        TrainRequest request = new TrainRequest("bench/" + seed, seed, 0, data, "small-cnn", TransformSettings.defaults(),
            new Step(Task.target(), process), null, null);
        TaskOutcome outcome = trainer.train(request, EpochListener.NONE);
        if (!(outcome instanceof TaskOutcome.Completed c)) {
          throw new IllegalStateException("seed " + seed + ": " + outcome);
        }
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
            "{\"framework\":\"pathlab\",\"device\":\"%s\",\"seed\":%d,\"epochs\":%d,\"test_loss\":%.9f,\"test_accuracy\":%.6f}",
            device, seed, c.metrics().epochsRun(), c.metrics().targetTestLoss(), c.metrics().targetTestAccuracy()));
        spec.commandLine().getOut().flush();
      }
    }
    return 0;
  }

  /** $PATHLAB_DATA when set (the device kit's Fashion-MNIST), then the system-wide install. */
  private static List<Path> roots() {
    String env = System.getenv("PATHLAB_DATA");
    return env == null || env.isBlank() ? List.of() : List.of(Path.of(env));
  }

  /** The exact images and normalization pathlab uses, for the reference to use the same. */
  private void writeIndices(DatasetSpec d) throws Exception {
    RawImages[] raw = Datasets.load(d.name(), roots());
    SplitIndices split = Splits.of(raw[0].labels(), raw[1].labels(), d.splitSeed(), d.trainSize(), d.validationSize(), d.testSize());
    int per = raw[0].height() * raw[0].width();
    double sum = 0;
    double squares = 0;
    for (int i : split.train()) {
      for (int k = 0; k < per; k++) {
        double v = (raw[0].pixels()[i * per + k] & 0xff) / 255.0;
        sum += v;
        squares += v * v;
      }
    }
    double n = (double) split.train().length * per;
    double mean = sum / n;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("train", split.train());
    out.put("test", split.test());
    out.put("mean", List.of(mean));
    out.put("std", List.of(Math.sqrt(squares / n - mean * mean)));
    if (indicesOut.getParent() != null) Files.createDirectories(indicesOut.getParent());
    new ObjectMapper().writeValue(indicesOut.toFile(), out);
  }
}
