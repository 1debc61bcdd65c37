package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * Precision through a daemon: the plan and the report say what the runs trained in; an fp32 prefix
 * never continues a bf16 run nor the other way round, while bf16 runs share their prefixes as fp32
 * ones do; the same experiment in bf16 again gives the same numbers (from its own prefixes); and the
 * two precisions are compared arm by arm with an equivalence margin.
 */
@Tag("slow")
class PrecisionTest {

  private static final String SCENARIO = """
      name = precision-check
      dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 2 }
      arms = [
        { name = baseline, path = baseline }
        { name = A, path = jump, transform = blur, per-task { learning-rate = [0.01, 0.01] } }
        { name = B, path = jump, transform = blur, per-task { learning-rate = [0.01, 0.02] } }
      ]
      seeds = [1, 2]
      """;

  @TempDir Path dir;

  private static String run(DaemonHttp api, String scenario) {
    String id = api.submit(scenario);
    assertEquals("finished", api.awaitEnded(id, Duration.ofMinutes(5)));
    return id;
  }

  @Test
  @Timeout(600)
  void bf16IsPartOfWhatARunIs() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("d"), Map.of())) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String fp32 = run(api, SCENARIO);
      String bf16 = run(api, SCENARIO.replace("training {", "training { precision = bf16,"));

      assertEquals("fp32", api.get("/api/experiments/" + fp32 + "/report?format=json").path("precision").asText());
      JsonNode report = api.get("/api/experiments/" + bf16 + "/report?format=json");
      assertEquals("bf16", report.path("precision").asText());
      assertTrue(api.getRaw("/api/experiments/" + bf16 + "/report").body().contains(" · bf16 mixed precision (fp32 master weights"));

      List<JsonNode> fp32Done = api.completions(fp32);
      List<JsonNode> bf16Done = api.completions(bf16);
      for (JsonNode c : bf16Done) {
        String from = c.path("reusedFrom").asText("");
        assertTrue(c.path("reusedFrom").isNull() || from.startsWith(bf16 + "/"), "a bf16 task is never served from fp32: " + c);
        assertTrue(fp32Done.stream().noneMatch(f -> f.path("prefixKey").equals(c.path("prefixKey"))), "keys differ by precision");
      }
      assertEquals(2, bf16Done.stream().filter(c -> !c.path("reusedFrom").isNull()).count(),
          "A and B share their first task in bf16 too: reused once per seed");
      JsonNode f = fp32Done.stream().filter(c -> c.path("runId").asText().equals("a0-s1")).findFirst().orElseThrow();
      JsonNode b = bf16Done.stream().filter(c -> c.path("runId").asText().equals("a0-s1")).findFirst().orElseThrow();
      assertEquals(f.path("metrics").path("initialParameters"), b.path("metrics").path("initialParameters"), "the same fp32 start");
      assertNotEquals(f.path("checkpointSha256"), b.path("checkpointSha256"), "trained otherwise");

      String again = run(api, "reuse = false\n" + SCENARIO.replace("training {", "training { precision = bf16,"));
      assertEquals(report.path("arms"), api.get("/api/experiments/" + again + "/report?format=json").path("arms"),
          "bf16 trained again from scratch: the same numbers");

      JsonNode compared = api.get("/api/compare?a=" + fp32 + "&b=" + bf16 + "&margin=0.5");
      for (JsonNode row : compared.path("rows")) {
        assertEquals(0.5, row.path("equivalence").path("margin").asDouble());
        assertTrue(row.path("equivalence").has("holmP"), row.toString());
      }
      assertEquals(400, api.getRaw("/api/compare?a=" + fp32 + "&b=" + bf16 + "&margin=-1").statusCode());
    }
  }
}
