package org.pathlab.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.data.Datasets;
import org.pathlab.data.RawImages;

/**
 * The device kit's own steps that run here, on real files: ops/kit/stage.py's Fashion-MNIST subset
 * (read back by pathlab's reader: the first images of the official files, nothing else changed)
 * and its stored jars (every entry's bytes as they were), and gpu-check's refusal of a bad device.
 */
class GpuKitStageTest {

  @TempDir Path dir;

  private String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "finished: " + String.join(" ", command));
    return p.exitValue() + "\n" + out;
  }

  @Test
  void theSubsetIsTheFirstImagesOfTheOfficialFilesInTheirFormat() throws Exception {
    Path out = dir.resolve("fashion-mnist");
    String result = run("python3", "ops/kit/stage.py", "fashion-subset", "/usr/share/datasets/fashion-mnist", out.toString(), "300", "120");
    assertTrue(result.startsWith("0\n"), result);
    RawImages[] full = Datasets.load("fashion-mnist", List.of());
    RawImages[] cut = Datasets.read("fashion-mnist", out);
    int[] counts = {300, 120};
    for (int split = 0; split < 2; split++) {
      int n = counts[split];
      int per = full[split].channels() * full[split].height() * full[split].width();
      assertEquals(n, cut[split].count());
      assertArrayEquals(Arrays.copyOf(full[split].pixels(), n * per), cut[split].pixels());
      assertArrayEquals(Arrays.copyOf(full[split].labels(), n), cut[split].labels());
    }
    assertTrue(run("python3", "ops/kit/stage.py", "fashion-subset", "/usr/share/datasets/fashion-mnist", dir.resolve("x").toString(), "70000", "1")
        .contains("holds 60000 items, fewer than 70000"));
  }

  @Test
  void storedJarsKeepEveryEntryAndStoreIt() throws Exception {
    // a deflated jar the kit ships: Typesafe Config's, from the tests' class path
    Path jar = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).map(Path::of)
        .filter(p -> p.getFileName().toString().startsWith("config-") && p.toString().endsWith(".jar")).findFirst().orElseThrow();
    String result = run("python3", "ops/kit/stage.py", "store-jars", dir.toString(), jar.toString());
    assertTrue(result.startsWith("0\n"), result);
    try (ZipFile before = new ZipFile(jar.toFile()); ZipFile after = new ZipFile(dir.resolve(jar.getFileName()).toFile())) {
      List<String> names = new ArrayList<>();
      before.stream().forEach(e -> names.add(e.getName()));
      List<String> stored = new ArrayList<>();
      after.stream().forEach(e -> stored.add(e.getName()));
      assertEquals(names, stored, "the same entries in the same order");
      for (String name : names) {
        ZipEntry e = after.getEntry(name);
        assertEquals(ZipEntry.STORED, e.getMethod(), name);
        assertArrayEquals(before.getInputStream(before.getEntry(name)).readAllBytes(), after.getInputStream(e).readAllBytes(), name);
      }
    }
  }

  @Test
  void theCheckRefusesADeviceItDoesNotKnow() throws Exception {
    String result = run("python3", "ops/kit/gpu-check", "--device", "tpu0", "--out", dir.resolve("out").toString());
    assertTrue(result.startsWith("2\n") && result.contains("--device tpu0: use cpu or gpuN"), result);
  }
}
