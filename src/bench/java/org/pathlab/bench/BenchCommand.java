package org.pathlab.bench;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pathlab bench ...}: measurements that pathlab's numbers are compared on with a PyTorch
 * reference (bench/reference.py, orchestrated by bench/run). Each prints one JSON line per
 * measurement on stdout, in the same format as the reference.
 */
@Command(
    name = "bench",
    description = "Benchmarks against the PyTorch reference (see bench/README.md); JSON lines on stdout.",
    subcommands = {ThroughputBench.class, CorrectnessBench.class, ExperimentSpecBench.class, RunStartBench.class, InitStatsBench.class, MemoryBench.class, JournalBench.class, SearchTableBench.class,
        HelpCommand.class})
public final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    List<String> benchmarks = spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    throw new ParameterException(spec.commandLine(), "name a benchmark: " + String.join(", ", benchmarks));
  }

  /** DJL reads these once, when the engine starts: call before anything touches DJL. */
  static void engineSettings(int threads) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }
}
