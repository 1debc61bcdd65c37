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
  @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu(N) (a -Pcuda build on a GPU host)") String device;
  @Option(names = "--concurrent", defaultValue = "1", description = "runs training at once, each its own model and thread (k runs per device)")
  int concurrent;
  @Option(names = "--layout", defaultValue = "trained",
      description = "trained: the layout pathlab's trainer uses (model.MemoryLayout: channels-last batches and convolution weights on CPU); nchw: NCHW batches and weights")
  StepRunner.Layout layout;
  @Option(names = "--precision", defaultValue = "fp32", description = "fp32, or bf16: mixed precision as the trainer runs it (model.Precision)")
  String precision;
  @Option(names = "--torchscript", paramLabel = "FILE",
      description = "train this TorchScript module instead (it takes --model's input; init pytorch-default), e.g. the small CNN exported from PyTorch")
  java.nio.file.Path torchscript;

  @Override
  public Integer call() throws Exception {
    BenchCommand.engineSettings(threads);
    int[] input = SyntheticBatch.inputOf(model);
    ai.djl.Device on = new org.pathlab.daemon.DeviceSpec("bench", device).device();
    // Each runner is built, stepped and closed on its own thread, as the daemon's trainers do: a
    // thread that runs native tensor code keeps an OpenMP thread pool for as long as it lives, and
    // libgomp cuts its spin-waiting short once there are more pool threads than CPUs.
    // every runner warms up, then all step at once: the clock runs from the last one ready to the
    // last one done. A runner that fails counts down what it has not, so nobody waits for it.
    var ready = new java.util.concurrent.CountDownLatch(concurrent);
    var go = new java.util.concurrent.CountDownLatch(1);
    var done = new java.util.concurrent.CountDownLatch(concurrent);
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    for (int k = 0; k < concurrent; k++) {
      long runSeed = seed + k;
      Thread t = new Thread(() -> {
        boolean counted = false;
        try (StepRunner runner = new StepRunner(model, torchscript, SyntheticBatch.of(batch, input[0], input[1], runSeed), batch, runSeed, 0.01, on,
            layout, org.pathlab.model.Precision.of(precision).orElseThrow(() -> new IllegalArgumentException("--precision " + precision + ": use fp32 or bf16")))) {
          for (int i = 0; i < warmup; i++) runner.step();
          runner.sync();
          ready.countDown();
          counted = true;
          go.await();
          for (int i = 0; i < steps; i++) runner.step();
          runner.sync(); // on a GPU: the steps done, not only launched
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          if (!counted) ready.countDown();
        } finally {
          done.countDown();
        }
      }, "bench-runner-" + k);
      threads.add(t);
      t.start();
    }
    ready.await();
    long begin = System.nanoTime();
    go.countDown();
    done.await();
    double seconds = (System.nanoTime() - begin) / 1e9;
    for (Thread t : threads) t.join();
    if (failure.get() != null) {
      // a refused setting (an unknown model) is the user's to fix, reported as such; anything else is a failure
      if (failure.get() instanceof IllegalArgumentException refused) throw refused;
      throw new IllegalStateException("a runner failed: " + failure.get(), failure.get());
    }
    spec.commandLine().getOut().println(String.format(Locale.ROOT,
        "{\"framework\":\"pathlab\",\"precision\":\"%s\",\"model\":\"%s\",\"torchscript\":%s,\"layout\":\"%s\",\"batch\":%d,\"steps\":%d,\"threads\":%d,\"device\":\"%s\","
            + "\"concurrent\":%d,\"seconds\":%.4f,\"images_per_second\":%.2f}",
        precision, model, torchscript == null ? "null" : "\"" + torchscript.getFileName() + "\"", layout, batch, steps, this.threads, device, concurrent, seconds,
        concurrent * steps * (double) batch / seconds));
    return 0;
  }
}
