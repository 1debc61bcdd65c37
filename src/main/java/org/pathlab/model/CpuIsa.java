package org.pathlab.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of oneDNN's kernel families PyTorch runs on this host's CPU: {@code avx512_core} (AVX-512
 * F, BW, VL and DQ) or something narrower. The memory layout that trains ResNet-18 fastest depends
 * on it ({@link ModelKind#layout}): oneDNN's channels-last convolutions beat its blocked NCHW ones
 * with AVX-512 and lose to them with AVX2 ({@code docs/benchmarks.md}).
 *
 * <p>Read from the {@code flags} line of {@code /proc/cpuinfo}, capped as oneDNN caps itself by
 * {@code ONEDNN_MAX_CPU_ISA} (or the older {@code DNNL_MAX_CPU_ISA}). Without {@code /proc/cpuinfo}
 * (not Linux, or not x86) the answer is no: channels-last ResNet-18 was measured faster only on
 * AVX-512 hosts.
 */
public final class CpuIsa {

  private static final Set<String> AVX512_CORE = Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq");

  private static volatile Boolean detected;
  private static volatile Bf16 bf16;

  /** The CPU's native bfloat16 arithmetic: AMX tiles, AVX-512 dot products only, or none. */
  public enum Bf16 { AMX, AVX512, NONE }

  private CpuIsa() {}

  /** Whether oneDNN runs its AVX-512 kernels here; detected once per process. */
  public static boolean avx512Core() {
    Boolean d = detected;
    if (d == null) {
      String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
      if (cap == null) cap = System.getenv("DNNL_MAX_CPU_ISA");
      d = avx512Core(flags(Path.of("/proc/cpuinfo")), cap);
      detected = d;
    }
    return d;
  }

  /**
   * This host's native bf16 ({@code amx_bf16}, else {@code avx512_bf16}) as oneDNN may use it: capped
   * by {@code ONEDNN_MAX_CPU_ISA} as {@link #avx512Core()} is; detected once per process.
   */
  public static Bf16 bf16() {
    Bf16 b = bf16;
    if (b == null) {
      String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
      if (cap == null) cap = System.getenv("DNNL_MAX_CPU_ISA");
      b = capped(bf16(flags(Path.of("/proc/cpuinfo"))), cap);
      bf16 = b;
    }
    return b;
  }

  /**
   * {@code found} as oneDNN uses it under the cap ({@code ONEDNN_MAX_CPU_ISA}; null: none): AMX only
   * under an AMX ISA or none, AVX512-BF16 only from {@code AVX512_CORE_BF16} up (the AVX10 ISAs
   * include it). Below, oneDNN has no bf16 instructions and emulates them (measured 0.44–0.72× fp32
   * with the cap at {@code AVX512_CORE}, 0.03–0.1× at {@code AVX2}: docs/benchmarks.md).
   */
  public static Bf16 capped(Bf16 found, String cap) {
    if (cap == null || cap.isBlank()) return found;
    String c = cap.trim().toUpperCase(Locale.ROOT);
    if (c.equals("ALL") || c.equals("DEFAULT") || c.contains("AMX")) return found;
    boolean bf16 = c.equals("AVX512_CORE_BF16") || c.equals("AVX512_CORE_FP16") || c.startsWith("AVX10");
    return bf16 && found != Bf16.NONE ? Bf16.AVX512 : Bf16.NONE;
  }

  /** The native bf16 that CPU flags (as {@code /proc/cpuinfo} lists them) show. */
  public static Bf16 bf16(String flags) {
    Set<String> present = Arrays.stream(flags.trim().split("\\s+")).collect(Collectors.toSet());
    if (present.contains("amx_bf16") && present.contains("amx_tile")) return Bf16.AMX;
    return present.contains("avx512_bf16") ? Bf16.AVX512 : Bf16.NONE;
  }

  /**
   * Whether the CPU flags (as {@code /proc/cpuinfo} lists them, space-separated) include all of
   * {@code avx512_core}'s, and the cap (oneDNN's {@code ONEDNN_MAX_CPU_ISA}, null when unset) allows
   * them: {@code ALL}, {@code DEFAULT}, or an ISA at or above {@code AVX512_CORE}.
   */
  static boolean avx512Core(String flags, String cap) {
    Set<String> present = Arrays.stream(flags.trim().split("\\s+")).collect(Collectors.toSet());
    if (!present.containsAll(AVX512_CORE)) return false;
    if (cap == null || cap.isBlank()) return true;
    String c = cap.trim().toUpperCase(Locale.ROOT);
    return c.equals("ALL") || c.equals("DEFAULT") || c.startsWith("AVX512") || c.startsWith("AVX10");
  }

  /** The first {@code flags} line's value, or "" where the file is missing or has none. */
  static String flags(Path cpuinfo) {
    try {
      for (String line : Files.readAllLines(cpuinfo)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals("flags")) return line.substring(colon + 1);
      }
    } catch (IOException | SecurityException e) {
      // not Linux, or not readable: no AVX-512 known
    }
    return "";
  }
}
