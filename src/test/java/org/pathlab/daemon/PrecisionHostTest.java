package org.pathlab.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.pathlab.model.CpuIsa;

/** What {@code precision = auto} is resolved for: the CPU of a CPU-only daemon, the GPUs of a daemon that has them. */
class PrecisionHostTest {

  private static Settings settings(String devices) {
    return Settings.from(ConfigFactory.parseString("pathlab.devices = " + devices).withFallback(ConfigFactory.load()));
  }

  @Test
  void aCpuDaemonAsksItsCpuAndAGpuDaemonItsGpu() {
    var cpu = settings("[{ name = cpu, engine = cpu }]").precisionHost();
    assertFalse(cpu.gpu());
    assertEquals(CpuIsa.bf16(), cpu.cpu());
    // a GPU named in the configuration of a host without CUDA (this one): the daemon still starts,
    // and auto stays fp32 there, since nothing says the GPU has bf16 tensor cores
    var gpu = settings("[{ name = gpu0, engine = \"gpu(0)\" }]").precisionHost();
    assertTrue(gpu.gpu());
    assertFalse(gpu.bf16Gpu());
    assertEquals("fp32", gpu.resolve("auto", false).precision().id());
  }
}
