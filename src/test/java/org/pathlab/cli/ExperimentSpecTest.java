package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.data.Datasets;
import org.pathlab.data.DeviceDataset;
import org.pathlab.data.RawImages;
import org.pathlab.data.SplitIndices;
import org.pathlab.data.Splits;

/**
 * {@code pathlab bench experiment-spec}: what bench/reference.py runs a scenario from must be
 * exactly pathlab's images, normalization, model and paths, read from the scenario itself.
 */
class ExperimentSpecTest {

  @TempDir Path dir;

  @Test
  void theSpecHoldsPathlabsSubsetNormalizationModelAndPaths() throws Exception {
    Path scenario = dir.resolve("s.conf");
    Files.writeString(scenario, """
        name = spec-test
        dataset { name = fashion-mnist, train-size = 600, validation-size = 200, test-size = 300, split-seed = 7 }
        model { name = small-cnn, channels = [8, 12], hidden = 20 }
        transforms { blur-filter = area }
        training { learning-rate = 0.02, momentum = 0.9, weight-decay = 1e-3, batch-size = 32, max-epochs = 9, patience = 3 }
        arms = [
          { name = baseline, path = baseline }
          { name = "blur→sharp", path = jump, transform = blur, per-task { learning-rate = [0.02, 0.005] } }
        ]
        seeds = [4, 5]
        baseline-seeds = [6]
        """);
    Path out = dir.resolve("spec.json");
    CliRun r = CliRun.of("bench", "experiment-spec", "--scenario", scenario.toString(), "--out", out.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    JsonNode spec = new ObjectMapper().readTree(out.toFile());

    RawImages[] raw = Datasets.load("fashion-mnist", List.of());
    SplitIndices split = Splits.of(raw[0].labels(), raw[1].labels(), 7, 600, 200, 300);
    assertArrayEquals(split.train(), ints(spec.get("train")));
    assertArrayEquals(split.validation(), ints(spec.get("validation")));
    assertArrayEquals(split.test(), ints(spec.get("test")));
    float[][] stats = DeviceDataset.channelStats(raw[0], split.train());
    assertEquals(stats[0][0], spec.get("mean").get(0).floatValue());
    assertEquals(stats[1][0], spec.get("std").get(0).floatValue());

    assertEquals("[8,12,20]", spec.get("widths").toString());
    assertEquals("area", spec.get("blur_filter").asText());
    JsonNode baseline = spec.get("arms").get(0);
    assertTrue(baseline.get("baseline").asBoolean());
    assertEquals("[6]", baseline.get("seeds").toString());
    assertEquals(1, baseline.get("steps").size());
    assertEquals(0, baseline.get("steps").get(0).get("levels").size());
    JsonNode jump = spec.get("arms").get(1);
    assertEquals("blur→sharp", jump.get("name").asText());
    assertEquals("[4,5]", jump.get("seeds").toString());
    JsonNode first = jump.get("steps").get(0);
    JsonNode second = jump.get("steps").get(1);
    assertEquals(1.0, first.get("levels").get("blur").asDouble());
    assertEquals(0.02, first.get("learning_rate").asDouble());
    assertEquals(0.005, second.get("learning_rate").asDouble());
    assertEquals(0, second.get("levels").size());
    assertEquals(32, second.get("batch_size").asInt());
    assertEquals(9, second.get("max_epochs").asInt());
    assertEquals(3, second.get("patience").asInt());
    assertTrue(second.get("bias_reset").isNull());
  }

  @Test
  void anInvalidScenarioIsAUsageErrorNamingTheProblem() throws Exception {
    Path scenario = dir.resolve("bad.conf");
    Files.writeString(scenario, "name = x\ndataset { name = no-such-set }\n");
    CliRun r = CliRun.of("bench", "experiment-spec", "--scenario", scenario.toString(), "--out", dir.resolve("o.json").toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.out());
    assertTrue(r.err().contains("no-such-set"), r.err());
  }

  private static int[] ints(JsonNode array) {
    int[] a = new int[array.size()];
    for (int i = 0; i < a.length; i++) a[i] = array.get(i).asInt();
    return a;
  }
}
