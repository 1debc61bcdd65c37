package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pathlab bench run-start}: a run's initial weights (PyTorch's default initialization as
 * pathlab draws it for the seed, under PyTorch's names) and its epochs' data orders, which the
 * reference starts from in {@code bench/run same-start}.
 */
class RunStartTest {

  @TempDir Path dir;

  private static final String SCENARIO = """
      name = run-start-test
      dataset { name = fashion-mnist, train-size = 300, validation-size = 100, test-size = 100 }
      model { name = small-cnn, channels = [4, 6], hidden = 10 }
      training { learning-rate = 0.01, batch-size = 32, max-epochs = 3, patience = 2 }
      arms = [ { name = baseline, path = baseline } ]
      seeds = [1]
      """;

  @Test
  void writesTheSeedsInitialWeightsAndOneOrderPerEpoch() throws Exception {
    Path scenario = dir.resolve("s.conf");
    Files.writeString(scenario, SCENARIO);
    JsonNode orders3 = run(scenario, 3, "a");
    JsonNode again = run(scenario, 3, "b");
    JsonNode orders4 = run(scenario, 4, "c");

    assertEquals(300, orders3.get("train_size").asInt());
    assertEquals(2, orders3.get("orders").size(), "one order per epoch asked for");
    long[] first = longs(orders3.get("orders").get(0));
    long[] second = longs(orders3.get("orders").get(1));
    long[] sorted = first.clone();
    Arrays.sort(sorted);
    assertArrayEquals(java.util.stream.LongStream.range(0, 300).toArray(), sorted, "a permutation of the training split");
    assertFalse(Arrays.equals(first, second), "each epoch its own order");
    assertFalse(Arrays.equals(first, longs(orders4.get("orders").get(0))), "each seed its own order");
    assertEquals(orders3, again, "a function of the seed");

    byte[] a = Files.readAllBytes(dir.resolve("a.safetensors"));
    assertArrayEquals(a, Files.readAllBytes(dir.resolve("b.safetensors")), "the same seed, the same weights");
    assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c.safetensors"))), "another seed, other weights");
    JsonNode header = header(a);
    assertEquals("3", header.get("__metadata__").get("seed").asText());
    assertEquals("[4,1,3,3]", header.get("conv1.weight").get("shape").toString());
    // PyTorch's default: U(±1/√fan_in); the first convolution's fan-in is 1·3·3
    float[] conv1 = floats(a, header.get("conv1.weight"));
    double bound = 1 / Math.sqrt(9);
    double max = 0;
    for (float v : conv1) max = Math.max(max, Math.abs(v));
    assertTrue(max <= bound && max > bound / 2, "|w| ≤ 1/3 and spread over the range: " + max);
  }

  private JsonNode run(Path scenario, int seed, String name) throws Exception {
    CliRun r = CliRun.of("bench", "run-start", "--scenario", scenario.toString(), "--seed", String.valueOf(seed), "--epochs", "2",
        "--weights", dir.resolve(name + ".safetensors").toString(), "--orders", dir.resolve(name + ".json").toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    return new ObjectMapper().readTree(dir.resolve(name + ".json").toFile());
  }

  private static JsonNode header(byte[] file) throws Exception {
    long length = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return new ObjectMapper().readTree(new String(file, 8, (int) length, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static float[] floats(byte[] file, JsonNode tensor) throws Exception {
    long length = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    int start = (int) (8 + length + tensor.get("data_offsets").get(0).asLong());
    int end = (int) (8 + length + tensor.get("data_offsets").get(1).asLong());
    ByteBuffer b = ByteBuffer.wrap(file, start, end - start).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[(end - start) / 4];
    for (int i = 0; i < out.length; i++) out[i] = b.getFloat();
    return out;
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = array.get(i).asLong();
    return out;
  }
}
