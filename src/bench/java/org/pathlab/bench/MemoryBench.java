package org.pathlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "memory", description = "Resident memory (VmRSS) every --every training steps: native memory must stay flat.")
final class MemoryBench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--model", defaultValue = "small-cnn") String model;
  @Option(names = "--steps", defaultValue = "10000") int steps;
  @Option(names = "--every", defaultValue = "1000") int every;
  @Option(names = "--batch", defaultValue = "64") int batch;
  @Option(names = "--threads", defaultValue = "2") int threads;
  @Option(names = "--layout", defaultValue = "trained",
      description = "trained: the layout pathlab's trainer uses (model.MemoryLayout); nchw: NCHW batches and weights")
  StepRunner.Layout layout;

  @Override
  public Integer call() throws Exception {
    BenchCommand.engineSettings(threads);
    int[] input = SyntheticBatch.inputOf(model);
    SyntheticBatch data = SyntheticBatch.of(batch, input[0], input[1], 1);
    try (StepRunner runner = new StepRunner(model, data, batch, 1, 0.01, ai.djl.Device.cpu(), layout)) {
      for (int i = 1; i <= steps; i++) {
        runner.step();
        if (i % every == 0) {
          // RSS includes the Java heap, which grows until a collection; native memory is what is left.
          Runtime rt = Runtime.getRuntime();
          double heap = rt.totalMemory() / 1048576.0;
          double rss = rssMegabytes();
          spec.commandLine().getOut().println(String.format(Locale.ROOT,
              "{\"framework\":\"pathlab\",\"model\":\"%s\",\"layout\":\"%s\",\"step\":%d,\"rss_mb\":%.1f,\"heap_committed_mb\":%.1f,"
                  + "\"heap_used_mb\":%.1f,\"rss_minus_heap_mb\":%.1f}",
              model, layout, i, rss, heap, (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rss - heap));
          spec.commandLine().getOut().flush();
        }
      }
    }
    return 0;
  }

  static double rssMegabytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
