package org.pathlab.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The arithmetic a run trains in: {@link #FP32} throughout, or {@link #BF16} mixed precision as
 * PyTorch's autocast does it (the convolutions' and linear layers' inputs and parameters cast to
 * bfloat16 for each forward pass, fp32 master weights updated by pathlab's {@code Sgd}; the loss,
 * the softmax and batch-norm statistics in fp32). A scenario may also say {@code auto}, which the
 * daemon resolves once, when the experiment is submitted ({@link #auto}), so that the plan records
 * what the runs trained in.
 */
public enum Precision {
  FP32("fp32"),
  BF16("bf16");

  /** What a scenario may write in {@code training.precision}. */
  public static final String AUTO = "auto";

  private final String id;

  Precision(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The scenario's choices: {@code fp32}, {@code bf16}, {@code auto}. */
  public static List<String> choices() {
    return List.of(FP32.id, BF16.id, AUTO);
  }

  public static Optional<Precision> of(String id) {
    if (id == null) return Optional.empty();
    String s = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.id.equals(s)).findFirst();
  }

  /** A plan's precision: journals written before precision existed trained in fp32. */
  public static Precision orDefault(String id) {
    return of(id).orElse(FP32);
  }

  /**
   * What {@code auto} resolved to, and why. A TorchScript module always trains in fp32 (pathlab
   * cannot cast inside a module's own code).
   */
  public record Resolved(Precision precision, String reason) {}

  /**
   * Where runs are planned: whether the daemon trains on GPUs and whether they have bf16 tensor
   * cores, and this host's CPU. {@code auto} means what {@link #auto} says for it.
   */
  public record Host(boolean gpu, boolean bf16Gpu, CpuIsa.Bf16 cpu) {

    /** A daemon (or a tool) that trains on this host's CPU. */
    public static Host thisCpu() {
      return new Host(false, false, CpuIsa.bf16());
    }

    /** {@code written} ({@code fp32}, {@code bf16}, {@code auto}; null: fp32) for a model here. */
    public Resolved resolve(String written, boolean torchscript) {
      if (AUTO.equals(written)) return auto(torchscript, gpu, bf16Gpu, cpu);
      return new Resolved(orDefault(written), "as the scenario says");
    }
  }

  /**
   * {@code auto} for a model on a daemon that trains on a GPU ({@code gpu}) or on this host's CPU:
   * bf16 on a GPU with bf16 tensor cores ({@code bf16Gpu}: compute capability 8 or more) and on a
   * CPU with native bf16 (AMX, or AVX512-BF16: measured 1.2× for the small CNN and 1.5× for
   * ResNet-18 without AMX, {@code docs/benchmarks.md}, "bf16"); fp32 elsewhere, where bf16 is
   * emulated, and for TorchScript modules.
   */
  public static Resolved auto(boolean torchscript, boolean gpu, boolean bf16Gpu, CpuIsa.Bf16 cpu) {
    if (torchscript) return new Resolved(FP32, "a TorchScript module trains in fp32");
    if (gpu) {
      return bf16Gpu ? new Resolved(BF16, "the GPU has bf16 tensor cores")
          : new Resolved(FP32, "the GPU has no bf16 tensor cores (compute capability below 8)");
    }
    return switch (cpu) {
      case AMX -> new Resolved(BF16, "the CPU has AMX (amx_bf16)");
      case AVX512 -> new Resolved(BF16, "the CPU has avx512_bf16 (no AMX)");
      case NONE -> new Resolved(FP32, "the CPU has no native bf16 that oneDNN may use (neither amx_bf16 nor avx512_bf16, or ONEDNN_MAX_CPU_ISA below them)");
    };
  }
}
