package org.pathlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathlab.model.CpuIsa;
import org.pathlab.model.Precision;

/** {@code training.precision}: what a scenario may say, where, and what {@code auto} becomes on which hardware. */
class PrecisionScenarioTest {

  private static final String BASE = """
      name = precision
      dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, max-epochs = 2 }
      arms = [
        { name = baseline, path = baseline }
        { name = jump, path = jump, transform = blur }
      ]
      seeds = [1, 2]
      """;

  private static Scenario parse(String text) {
    return ScenarioParser.parse(text, "precision.conf");
  }

  private static String problems(String text) {
    return String.join("\n", assertThrows(ScenarioException.class, () -> parse(text)).problems());
  }

  @Test
  void fp32IsTheDefaultAndBf16IsTheScenariosChoice() {
    assertEquals("fp32", parse(BASE).precision());
    assertEquals("fp32", Plan.of(parse(BASE)).precision());
    assertEquals(Precision.FP32, new Plan("old", null, null, null, java.util.List.of(), java.util.List.of(), false, null, null, null,
        null, null, null, null, null).precisionOrDefault(), "a plan from a journal before precision existed trained in fp32");
    Scenario bf16 = parse(BASE.replace("training {", "training { precision = bf16,"));
    assertEquals("bf16", bf16.precision());
    assertEquals("bf16", Plan.of(bf16, new Precision.Host(false, false, CpuIsa.Bf16.NONE)).precision(),
        "bf16 when asked for, even where it is emulated");
  }

  @Test
  void autoIsResolvedForTheDaemonsHardwareWhenTheExperimentIsPlanned() {
    Scenario auto = parse(BASE.replace("training {", "training { precision = auto,"));
    assertEquals("auto", auto.precision());
    assertEquals("bf16", Plan.of(auto, new Precision.Host(false, false, CpuIsa.Bf16.AMX)).precision());
    assertEquals("bf16", Plan.of(auto, new Precision.Host(false, false, CpuIsa.Bf16.AVX512)).precision());
    assertEquals("fp32", Plan.of(auto, new Precision.Host(false, false, CpuIsa.Bf16.NONE)).precision());
    assertEquals("bf16", Plan.of(auto, new Precision.Host(true, true, CpuIsa.Bf16.NONE)).precision(), "a GPU with bf16 tensor cores");
    assertEquals("fp32", Plan.of(auto, new Precision.Host(true, false, CpuIsa.Bf16.AMX)).precision(), "the daemon trains on the GPU, not the CPU");
    assertEquals(Precision.FP32, Precision.auto(true, true, true, CpuIsa.Bf16.AMX).precision(), "a TorchScript module trains in fp32");
  }

  @Test
  void theCpuFlagsSayWhichNativeBf16ThereIs() {
    assertEquals(CpuIsa.Bf16.AMX, CpuIsa.bf16("fpu avx512f avx512_bf16 amx_bf16 amx_tile amx_int8"));
    assertEquals(CpuIsa.Bf16.AVX512, CpuIsa.bf16("fpu avx512f avx512_bf16"));
    assertEquals(CpuIsa.Bf16.NONE, CpuIsa.bf16("fpu avx2 fma"));
    assertEquals(CpuIsa.Bf16.NONE, CpuIsa.bf16(""));
  }

  @Test
  void oneDnnCappedBelowBf16HasNoNativeBf16() {
    assertEquals(CpuIsa.Bf16.AMX, CpuIsa.capped(CpuIsa.Bf16.AMX, null));
    assertEquals(CpuIsa.Bf16.AMX, CpuIsa.capped(CpuIsa.Bf16.AMX, "avx512_core_amx"));
    assertEquals(CpuIsa.Bf16.AVX512, CpuIsa.capped(CpuIsa.Bf16.AMX, "AVX512_CORE_BF16"));
    assertEquals(CpuIsa.Bf16.AVX512, CpuIsa.capped(CpuIsa.Bf16.AVX512, "AVX10_1_512"));
    assertEquals(CpuIsa.Bf16.NONE, CpuIsa.capped(CpuIsa.Bf16.AVX512, "AVX512_CORE"));
    assertEquals(CpuIsa.Bf16.NONE, CpuIsa.capped(CpuIsa.Bf16.AMX, "AVX2"));
    assertEquals(CpuIsa.Bf16.NONE, CpuIsa.capped(CpuIsa.Bf16.NONE, "AVX512_CORE_BF16"));
  }

  @Test
  void precisionIsTheExperimentsNotAnArms() {
    String p = problems(BASE.replace("{ name = jump, path = jump, transform = blur }",
        "{ name = jump, path = jump, transform = blur, training { precision = bf16 } }"));
    assertTrue(p.contains("training.precision") && p.contains("is the experiment's, not an arm's"), p);
    assertTrue(p.contains("precision.conf:"), "named by file and line: " + p);
    String perTask = problems(BASE.replace("{ name = jump, path = jump, transform = blur }",
        "{ name = jump, path = jump, transform = blur, per-task { precision = [fp32, bf16] } }"));
    assertTrue(perTask.contains("per-task.precision") && perTask.contains("unknown key"), perTask);
  }

  @Test
  void anUnknownPrecisionIsRefusedWithTheChoices() {
    String p = problems(BASE.replace("training {", "training { precision = fp16,"));
    assertTrue(p.contains("training.precision") && p.contains("'fp16'") && p.contains("[fp32, bf16, auto]"), p);
  }
}
