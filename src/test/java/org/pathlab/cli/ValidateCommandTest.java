package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.model.CpuIsa;

/** {@code pathlab validate}: the plan as it will run, without a daemon. */
class ValidateCommandTest {

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void validateShowsThePlanWithoutADaemon() {
    CliRun r = run("validate", "scenarios/quickstart.conf");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().contains("valid — small-cnn on fashion-mnist, 2 arms, 6 runs, 9 tasks"), r.out());
    assertTrue(r.out().contains("model: small-cnn, channels 16, 32; hidden 64 (the defaults)"), r.out());
    assertTrue(r.out().contains("transforms: blur shrinks with the bilinear filter; shift up to ±8 pixels per axis at level 1"), r.out());
    assertTrue(r.out().contains("blur→sharp — 2 tasks × seeds [1, 2, 3]"), r.out());
    assertTrue(r.out().contains("1. blur 1.00"), r.out());
    assertTrue(r.out().contains("lr 0.01, momentum 0.9, wd 0.001, batch 64, ≤40 epochs, patience 3"), r.out());
    assertTrue(r.out().contains("cost: 9 task trainings; at most 1,440,000 image-epochs (4,000 training images"), r.out());
  }

  @Test
  void validateShowsTheSmallCnnsWidths() throws Exception {
    Path wide = file("wide.conf", Files.readString(Path.of("scenarios/quickstart.conf"))
        + "\nmodel { name = small-cnn, channels = [32, 64], hidden = 128 }\n");
    CliRun r = run("validate", wide.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().contains("model: small-cnn, channels 32, 64; hidden 128\n"), r.out());
  }

  @Test
  void validateSaysWhichPrecisionTheRunsTrainIn() throws Exception {
    String quickstart = Files.readString(Path.of("scenarios/quickstart.conf"));
    CliRun fp32 = run("validate", "scenarios/quickstart.conf");
    assertTrue(fp32.out().contains("\nprecision: fp32\n"), fp32.out());
    CliRun bf16 = run("validate", file("bf16.conf", quickstart + "\ntraining.precision = bf16\n").toString());
    assertEquals(ExitCodes.OK, bf16.code(), bf16.err());
    assertTrue(bf16.out().contains("precision: bf16 mixed precision (convolutions and linear layers in bfloat16; fp32 master weights"),
        bf16.out());
    CliRun auto = run("validate", file("auto.conf", quickstart + "\ntraining.precision = auto\n").toString());
    String expected = CpuIsa.bf16() == CpuIsa.Bf16.NONE ? "precision: fp32 — auto, on this host's CPU: the CPU has no native bf16"
        : "precision: bf16 mixed precision";
    assertTrue(auto.out().contains(expected) && auto.out().contains("(a daemon decides for its own devices when the experiment is submitted)"),
        auto.out());
  }
}
