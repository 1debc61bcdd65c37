package org.pathlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.transform.BlurFilter;
import org.pathlab.transform.TransformSettings;

/** Equal prefixes get equal keys, and anything that changes a task's result changes the key. */
class PrefixKeyTest {

  private static final String BASE = """
      name = keys
      dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 1 }
      arms = [
        { name = baseline, path = baseline }
        { name = A, path = jump, transform = blur, per-task { learning-rate = [0.01, 0.01] } }
        { name = B, path = jump, transform = blur, per-task { learning-rate = [0.01, 0.02] } }
      ]
      seeds = [1, 2]
      """;

  private static final String CPU = "cpu threads=2 interop=1";

  private static Plan plan(String text) {
    return Plan.of(ScenarioParser.parse(text, "keys.conf"));
  }

  private static String key(Plan plan, String arm, long seed, int task) {
    RunSpec run = plan.runs().stream().filter(r -> r.arm().equals(arm) && r.seed() == seed).findFirst().orElseThrow();
    return PrefixKey.of(plan, run, task, CPU).hex();
  }

  @Test
  void theSamePrefixInTwoArmsOrExperimentsHasTheSameKey() {
    Plan p = plan(BASE);
    assertEquals(key(p, "A", 1, 0), key(p, "B", 1, 0), "A and B begin with the same task and learning process");
    assertNotEquals(key(p, "A", 1, 1), key(p, "B", 1, 1), "they differ in the second task's learning rate");
    Plan other = plan(BASE.replace("name = keys", "name = another-experiment").replace("name = B,", "name = B2,"));
    assertEquals(key(p, "A", 1, 1), key(other, "A", 1, 1), "names of scenarios and arms do not matter");
  }

  /**
   * ResNet-18 on a CPU without AVX-512 trains NCHW, not channels-last as trainer 4's keys were
   * made: its keys say so, and nothing trained in the other layout is continued.
   */
  @Test
  void aModelsCpuLayoutIsInItsKeyWhereItIsNotTheUsualOne() {
    Plan small = plan(BASE);
    Plan resnet = plan(BASE.replace("model = small-cnn", "model = resnet-18").replace("test-size = 200", "test-size = 200, channels = 3, size = 32"));
    var notes = java.util.Map.of("resnet-18", " layout=nchw", "small-cnn", "");
    assertEquals(CPU, PrefixReuse.training(small, CPU, notes));
    assertEquals(CPU + " layout=nchw", PrefixReuse.training(resnet, CPU, notes));
    assertEquals(CPU, PrefixReuse.training(resnet, CPU, java.util.Map.of()), "an AVX-512 host: channels-last, as trainer 4's keys");
    assertEquals("gpu threads=2 interop=1", PrefixReuse.training(resnet, "gpu threads=2 interop=1", notes), "on a GPU ResNet-18 was always NCHW");
    assertEquals("cpu+gpu threads=2 interop=1", PrefixReuse.training(resnet, "cpu+gpu threads=2 interop=1", notes));
    RunSpec run = resnet.runs().get(0);
    assertNotEquals(PrefixKey.of(resnet, run, 0, CPU), PrefixKey.of(resnet, run, 0, CPU + " layout=nchw"));
  }

  @Test
  void whateverChangesTheResultChangesTheKey() {
    Plan p = plan(BASE);
    String k = key(p, "A", 1, 0);
    List<String> changed = new ArrayList<>();
    changed.add(key(p, "A", 2, 0)); // seed
    for (String[] change : List.of(
        new String[] {"per-task { learning-rate = [0.01, 0.01] }", "per-task { learning-rate = [0.011, 0.01] }"}, // learning process
        new String[] {"per-task { learning-rate = [0.01, 0.01] }", "per-task { learning-rate = [0.01, 0.01], bias-reset = [yes, no] }"}, // intervention
        new String[] {"per-task { learning-rate = [0.01, 0.01] }", "per-task { learning-rate = [0.01, 0.01], momentum = [0.8, 0.9] }"},
        new String[] {"train-size = 200", "train-size = 201"}, // dataset subset
        new String[] {"test-size = 200", "test-size = 300"},
        new String[] {"validation-size = 100", "validation-size = 100, split-seed = 7"},
        new String[] {"max-epochs = 2", "max-epochs = 3"},
        new String[] {"batch-size = 50", "batch-size = 25"},
        new String[] {"transform = blur, per-task { learning-rate = [0.01, 0.01] }", "transform = contrast, per-task { learning-rate = [0.01, 0.01] }"})) {
      assertTrue(BASE.contains(change[0]), change[0]);
      changed.add(key(plan(BASE.replaceFirst(java.util.regex.Pattern.quote(change[0]), change[1])), "A", 1, 0));
    }
    RunSpec a1 = p.runs().stream().filter(r -> r.arm().equals("A") && r.seed() == 1).findFirst().orElseThrow();
    changed.add(PrefixKey.of(p, a1, 0, "cpu threads=1 interop=1").hex()); // threads
    changed.add(PrefixKey.of(p, a1, 0, "gpu(0) threads=2 interop=1").hex()); // device kind
    for (int i = 0; i < changed.size(); i++) assertNotEquals(k, changed.get(i), "change " + i);
    assertEquals(changed.size(), changed.stream().distinct().count(), "every change gives its own key");
  }

  @Test
  void theDefaultBlurFilterKeepsTheKeysOfPrefixesTrainedBeforeItWasASetting() {
    // computed at commit f95acb8, before transforms.blur-filter existed: those checkpoints must still be reused
    Plan p = plan(BASE);
    assertEquals("fbbab40304afdb20e7ad36484010892cf4183bae63a33d5e565bd5f476b13a18", key(p, "baseline", 1, 0));
    assertEquals("2ec35b3af5b9992540264d584118fadad66c8c500bed3a3776f5d2b3118b2863", key(p, "A", 1, 0));
    assertEquals("dc3686788303f1b68d1395bd5fbcef939f0503c6f38ee795f3cb736c38fbe7aa", key(p, "A", 1, 1));
    Plan explicit = plan(BASE + "transforms { blur-filter = bilinear, shift-max = 8 }\n");
    assertEquals(key(p, "A", 1, 1), key(explicit, "A", 1, 1), "saying the default changes nothing");
    assertEquals("TransformSettings[shiftMax=8]", PrefixKey.transforms(TransformSettings.defaults()));
  }

  @Test
  void theDefaultWidthsKeepTheKeysOfPrefixesTrainedBeforeTheyWereASetting() {
    // the same keys as above, computed before the small CNN's widths existed
    Plan explicit = plan(BASE.replace("model = small-cnn", "model { name = small-cnn, channels = [16, 32], hidden = 64 }"));
    assertEquals("fbbab40304afdb20e7ad36484010892cf4183bae63a33d5e565bd5f476b13a18", key(explicit, "baseline", 1, 0));
    assertEquals("2ec35b3af5b9992540264d584118fadad66c8c500bed3a3776f5d2b3118b2863", key(explicit, "A", 1, 0));
    assertEquals("dc3686788303f1b68d1395bd5fbcef939f0503c6f38ee795f3cb736c38fbe7aa", key(explicit, "A", 1, 1));
    assertEquals("small-cnn", PrefixKey.model(explicit));
    Plan old = new Plan("keys", explicit.dataset(), "small-cnn", explicit.transforms(), explicit.arms(), explicit.runs(), false,
        null, null, null, null, null, null, null, null);
    assertEquals(key(explicit, "A", 1, 1), key(old, "A", 1, 1), "a plan from a journal before widths (null) keys as the defaults");
  }

  /** fp32, written or not, keeps the keys of every prefix trained before precision existed; bf16 never meets fp32. */
  @Test
  void bf16PrefixesNeverContinueFp32OnesAndFp32KeysAreUnchanged() {
    Plan fp32 = plan(BASE.replace("training {", "training { precision = fp32,"));
    assertEquals("fbbab40304afdb20e7ad36484010892cf4183bae63a33d5e565bd5f476b13a18", key(fp32, "baseline", 1, 0));
    assertEquals("dc3686788303f1b68d1395bd5fbcef939f0503c6f38ee795f3cb736c38fbe7aa", key(fp32, "A", 1, 1));
    Plan bf16 = plan(BASE.replace("training {", "training { precision = bf16,"));
    assertEquals("bf16", bf16.precision());
    for (String arm : java.util.List.of("baseline", "A", "B")) {
      for (int task = 0; task < bf16.runsOf(arm).get(0).path().size(); task++) {
        assertNotEquals(key(fp32, arm, 1, task), key(bf16, arm, 1, task), arm + " task " + task);
      }
    }
    assertEquals(key(bf16, "A", 1, 0), key(bf16, "B", 1, 0), "bf16 prefixes are shared among bf16 runs as fp32 ones are");
  }

  @Test
  void otherWidthsNeverReuseAPrefixTrainedAtOthers() {
    Plan defaults = plan(BASE);
    List<String> keys = new ArrayList<>();
    keys.add(key(defaults, "A", 1, 1));
    for (String model : List.of("channels = [32, 32]", "channels = [16, 64]", "hidden = 128", "channels = [32, 64], hidden = 128")) {
      Plan p = plan(BASE.replace("model = small-cnn", "model { name = small-cnn, " + model + " }"));
      assertNotEquals(key(defaults, "A", 1, 0), key(p, "A", 1, 0), model);
      keys.add(key(p, "A", 1, 1));
    }
    assertEquals(keys.size(), keys.stream().distinct().count(), "one key per widths: " + keys);
    assertEquals("small-cnn SmallCnnWidths[conv1=32, conv2=64, hidden=128]",
        PrefixKey.model(plan(BASE.replace("model = small-cnn", "model { name = small-cnn, channels = [32, 64], hidden = 128 }"))));
  }

  @Test
  void reshapedImagesNeverReuseAPrefixTrainedOnTheImagesAsStored() {
    Plan stored = plan(BASE);
    assertEquals("DatasetSpec[name=fashion-mnist, trainSize=200, validationSize=100, testSize=200, splitSeed=0]",
        PrefixKey.dataset(stored.dataset()), "as keys rendered it before datasets could be reshaped");
    assertEquals(key(stored, "A", 1, 1), key(plan(BASE.replace("test-size = 200", "test-size = 200, channels = 1, size = 28")), "A", 1, 1),
        "the images' own channels and size are no reshaping");
    List<String> keys = new ArrayList<>(List.of(key(stored, "A", 1, 1)));
    for (String shape : List.of("channels = 3", "size = 32", "channels = 3, size = 32")) {
      Plan p = plan(BASE.replace("test-size = 200", "test-size = 200, " + shape));
      assertNotEquals(key(stored, "A", 1, 0), key(p, "A", 1, 0), shape);
      keys.add(key(p, "A", 1, 1));
    }
    assertEquals(keys.size(), keys.stream().distinct().count(), "one key per shape: " + keys);
  }

  @Test
  void anotherBlurFilterNeverReusesAPrefixTrainedWithAnother() {
    Plan bilinear = plan(BASE);
    List<String> keys = new ArrayList<>();
    for (BlurFilter f : BlurFilter.values()) {
      Plan p = plan(BASE + "transforms { blur-filter = " + f.id() + " }\n");
      keys.add(key(p, "A", 1, 0));
      if (f != BlurFilter.DEFAULT) {
        assertNotEquals(key(bilinear, "A", 1, 0), key(p, "A", 1, 0), f.id() + " vs bilinear, blurred task");
        assertNotEquals(key(bilinear, "A", 1, 1), key(p, "A", 1, 1), f.id() + " vs bilinear, the target after it");
        assertEquals("TransformSettings[shiftMax=8, blurFilter=" + f + "]", PrefixKey.transforms(p.transforms()));
      }
    }
    assertEquals(BlurFilter.values().length, keys.stream().distinct().count(), "one key per filter: " + keys);
    Plan areaShift4 = plan(BASE + "transforms { blur-filter = area, shift-max = 4 }\n");
    assertNotEquals(key(plan(BASE + "transforms { blur-filter = area }\n"), "A", 1, 0), key(areaShift4, "A", 1, 0),
        "the shift still counts next to a filter");
  }

  @Test
  void aFieldAddedToTheTransformSettingsIsInTheKeyUnlessDeclaredAddedLater() {
    // PrefixKey renders TransformSettings from its components: a future field is keyed without anyone remembering to
    assertEquals(List.of("shiftMax", "blurFilter"),
        java.util.Arrays.stream(TransformSettings.class.getRecordComponents()).map(c -> c.getName()).toList(),
        "a new field: decide whether earlier prefixes had its default (PrefixKey.ADDED_LATER), then update this list");
  }
}
