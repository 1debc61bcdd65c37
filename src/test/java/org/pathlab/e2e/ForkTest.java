package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.cli.CliRun;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/** `pathlab scenario ID` and `submit --from ID --set KEY=VALUE`: an experiment forked with one change, its shared prefixes reused. */
@Tag("slow")
class ForkTest {

  private static final String SCENARIO = """
      name = fork-check
      dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 200 }
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 2 }
      arms = [
        { name = baseline, path = baseline }
        { name = blur, path = jump, transform = blur, per-task { learning-rate = [0.01, 0.01] } }
      ]
      seeds = [1]
      """;

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void aForkWithOneChangeTrainsOnlyWhatChangedAndSaysWhereItCameFrom() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("data"), java.util.Map.of())) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String url = api.url();
      String id = api.submit(SCENARIO);
      assertEquals("finished", api.awaitEnded(id, Duration.ofMinutes(5)));

      CliRun scenario = CliRun.of("scenario", id, "--url", url);
      assertEquals(0, scenario.code(), scenario.err());
      assertEquals(SCENARIO, scenario.out(), "the scenario as it was submitted");

      int known = api.get("/api/experiments").size();
      CliRun bad = CliRun.of("submit", "--from", id, "--set", "training.learning-rat=0.02", "--url", url);
      assertEquals(2, bad.code(), bad.out());
      assertTrue(bad.err().contains("training.learning-rat") && bad.err().contains("nothing was submitted"), bad.err());
      assertEquals(known, api.get("/api/experiments").size(), "nothing submitted");

      CliRun fork = CliRun.of("submit", "--from", id, "--set", "arms[1].per-task.learning-rate=[0.01, 0.02]", "--set",
          "tags=[lr-sweep, second-task]", "--set", "notes=\"the second task at twice the rate\"", "--url", url);
      assertEquals(0, fork.code(), fork.err());
      String forked = fork.out().replaceAll("(?s)^submitted (\\S+):.*", "$1").strip();
      assertEquals("finished", api.awaitEnded(forked, Duration.ofMinutes(5)));
      JsonNode detail = api.get("/api/experiments/" + forked);
      assertEquals(id, detail.path("summary").path("forkedFrom").asText());
      int reused = 0;
      for (JsonNode e : api.get("/api/experiments/" + forked + "/events")) {
        if (e.path("type").asText().equals("TaskCompleted") && !e.path("event").path("reusedFrom").isNull()) reused++;
      }
      assertEquals(2, reused, "the baseline task and blur's first task are the same; only blur's second task trained: " + fork.out());
      assertTrue(api.getText("/api/experiments/" + forked + "/scenario").startsWith("# forked from experiment " + id));

      // compare: the fork against its origin, arm by arm, and within one experiment against a chosen arm
      CliRun compare = CliRun.of("compare", id, forked, "--url", url);
      assertEquals(0, compare.code(), compare.err());
      assertTrue(compare.out().contains("# Experiment " + forked + " against experiment " + id)
          && compare.out().contains("| baseline | baseline | 1 vs 1 |") && compare.out().contains("| blur | blur | 1 vs 1 |"),
          compare.out());
      JsonNode json = api.get("/api/compare?a=" + id + "&b=" + forked);
      assertEquals(0.0, json.path("rows").get(0).path("gap").asDouble(), 0.0, "the baseline is the same reused task: " + json);
      CliRun against = CliRun.of("report", id, "--against", "blur", "--url", url);
      assertEquals(0, against.code(), against.err());
      assertTrue(against.out().contains("every arm against arm blur") && against.out().contains("| baseline | blur |"), against.out());
      assertEquals(400, api.getRaw("/api/experiments/" + id + "/compare?against=nope").statusCode());

      // tags and notes from the scenario: shown, and experiments found by them
      JsonNode tagged = api.get("/api/experiments?tag=lr-sweep");
      assertEquals(1, tagged.size(), tagged.toString());
      assertEquals(forked, tagged.get(0).path("id").asText());
      assertEquals("the second task at twice the rate", tagged.get(0).path("notes").get(0).path("text").asText());
      assertEquals(2, api.get("/api/experiments?since=2026-01-01").size());
      assertEquals(0, api.get("/api/experiments?since=2999-01-01").size());
      assertEquals(400, api.getRaw("/api/experiments?since=yesterday").statusCode());
      CliRun status = CliRun.of("status", "--tag", "second-task", "--url", url);
      assertTrue(status.out().contains(forked) && !status.out().contains(id + " ") && status.out().contains("lr-sweep second-task"),
          status.out());
    }
  }
}
