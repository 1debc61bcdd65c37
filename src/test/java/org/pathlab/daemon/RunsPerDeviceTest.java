package org.pathlab.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pathlab.runs-per-device}: a count, or auto: the cores over each run's threads on CPUs, 1 with a GPU. */
class RunsPerDeviceTest {

  private static final List<DeviceSpec> CPU = List.of(new DeviceSpec("cpu", "cpu"));

  private static Config config(String runs, int threads) {
    return ConfigFactory.parseString("runs-per-device = " + runs + "\ntraining.threads = " + threads);
  }

  @Test
  void autoFillsTheCoresAtEachRunsThreads() {
    assertEquals(1, Settings.runsPerDevice(config("auto", 2), CPU, 2), "2 cores, 2 threads a run: one run");
    assertEquals(2, Settings.runsPerDevice(config("auto", 1), CPU, 2));
    assertEquals(8, Settings.runsPerDevice(config("auto", 2), CPU, 16));
    assertEquals(1, Settings.runsPerDevice(config("auto", 4), CPU, 2), "never fewer than one");
    assertEquals(16, Settings.runsPerDevice(config("auto", 1), CPU, 64), "never more than 16");
    assertEquals(1, Settings.runsPerDevice(config("auto", 1), List.of(new DeviceSpec("gpu0", "gpu(0)")), 16), "a GPU: one");
  }

  @Test
  void aCountIsTakenAsItIsAndAnythingElseRefusedByName() {
    assertEquals(3, Settings.runsPerDevice(config("3", 2), CPU, 2));
    var zero = assertThrows(IllegalArgumentException.class, () -> Settings.runsPerDevice(config("0", 2), CPU, 2));
    assertTrue(zero.getMessage().contains("pathlab.runs-per-device = 0; use auto or 1 to 16"), zero.getMessage());
    var word = assertThrows(IllegalArgumentException.class, () -> Settings.runsPerDevice(config("many", 2), CPU, 2));
    assertTrue(word.getMessage().contains("use auto or 1 to 16"), word.getMessage());
  }
}
