package org.pathlab.bench;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "throughput", description = "Images per second of training steps on a fixed synthetic batch.")
final class ThroughputBench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--model", defaultValue = "small-cnn") String model;
  @Option(names = "--steps", defaultValue = "200") int steps;
  @Option(names = "--batch", defaultValue = "64") int batch;
  @Option(names = "--warmup", defaultValue = "20") int warmup;
  @Option(names = "--threads", defaultValue = "2") int threads;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Override
  public Integer call() {
    BenchCommand.engineSettings(threads);
    int[] input = SyntheticBatch.inputOf(model);
    try (StepRunner runner = new StepRunner(model, SyntheticBatch.of(batch, input[0], input[1], seed), batch, seed, 0.01)) {
      for (int i = 0; i < warmup; i++) runner.step();
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) runner.step();
      double seconds = (System.nanoTime() - start) / 1e9;
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "{\"framework\":\"pathlab\",\"model\":\"%s\",\"batch\":%d,\"steps\":%d,\"threads\":%d,\"seconds\":%.4f,\"images_per_second\":%.2f}",
          model, batch, steps, threads, seconds, steps * (double) batch / seconds));
    }
    return 0;
  }
}
