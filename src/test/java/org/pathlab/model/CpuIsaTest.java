package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuIsaTest {

  // flags as /proc/cpuinfo lists them on this project's two kinds of host (shortened)
  static final String ZEN3_AVX2 = "fpu vme sse sse2 ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor bmi1 avx2 smep bmi2";
  static final String ZEN5_AVX512 = ZEN3_AVX2 + " avx512f avx512dq rdseed adx smap avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl avx512_bf16 avx_vnni";

  @Test
  void avx512CoreNeedsAllFourFlags() {
    assertTrue(CpuIsa.avx512Core(ZEN5_AVX512, null));
    assertFalse(CpuIsa.avx512Core(ZEN3_AVX2, null));
    assertFalse(CpuIsa.avx512Core(ZEN3_AVX2 + " avx512f avx512cd", null), "AVX-512 F without BW/VL/DQ is not oneDNN's avx512_core");
    assertFalse(CpuIsa.avx512Core("", null), "no /proc/cpuinfo: not known to be AVX-512");
    assertFalse(CpuIsa.avx512Core(ZEN5_AVX512.replace("avx512f ", "avx512fx "), null), "whole flags only");
  }

  @Test
  void onednnsCapIsHonoured() {
    assertFalse(CpuIsa.avx512Core(ZEN5_AVX512, "AVX2"));
    assertFalse(CpuIsa.avx512Core(ZEN5_AVX512, "avx2_vnni"));
    assertTrue(CpuIsa.avx512Core(ZEN5_AVX512, "AVX512_CORE"));
    assertTrue(CpuIsa.avx512Core(ZEN5_AVX512, "avx512_core_bf16"));
    assertTrue(CpuIsa.avx512Core(ZEN5_AVX512, "ALL"));
    assertTrue(CpuIsa.avx512Core(ZEN5_AVX512, ""));
    assertFalse(CpuIsa.avx512Core(ZEN3_AVX2, "ALL"), "a cap cannot add what the CPU lacks");
  }

  @Test
  void flagsAreReadFromTheFirstFlagsLine(@TempDir Path dir) throws Exception {
    Path cpuinfo = dir.resolve("cpuinfo");
    Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: " + ZEN5_AVX512 + "\nbugs\t\t: sysret_ss_attrs\n\nprocessor\t: 1\nflags\t\t: fpu\n");
    assertEquals(ZEN5_AVX512, CpuIsa.flags(cpuinfo).trim());
    assertTrue(CpuIsa.avx512Core(CpuIsa.flags(cpuinfo), null));
    assertEquals("", CpuIsa.flags(dir.resolve("missing")));
  }
}
