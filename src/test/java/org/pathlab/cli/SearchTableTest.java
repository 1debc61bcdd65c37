package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pathlab bench search-table}: an exhaustive experiment's tasks CSV becomes a table that
 * searches are replayed on. The CSV here is written by hand in the report's format: a baseline and
 * two paths that share their first task, on two seeds.
 */
class SearchTableTest {

  private static final String HEADER = "experiment,arm,baseline,seed,run_id,task,tasks_in_path,task_label,level_blur,level_contrast,"
      + "level_shift,learning_rate,momentum,weight_decay,batch_size,max_epochs,patience,bias_reset,epochs_run,best_epoch,"
      + "best_validation_loss,stopped_by,target_test_loss,target_test_accuracy,task_test_loss,task_test_accuracy,reused_from";

  @TempDir Path dir;

  private static String row(String arm, boolean baseline, int seed, int task, int tasks, double blur, double lr, int epochs, double loss) {
    return String.join(",", "e", arm, String.valueOf(baseline), String.valueOf(seed), arm + "-s" + seed, String.valueOf(task),
        String.valueOf(tasks), "\"blur " + blur + ", clean\"", String.valueOf(blur), "0", "0", String.valueOf(lr), "0.9", "0.001", "128",
        "50", "4", "0", String.valueOf(epochs), "1", "0.5", "early-stopping", String.valueOf(loss), "0.8", String.valueOf(loss), "0.8", "");
  }

  private Path csv(boolean complete) throws Exception {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int s = 1; s <= 2; s++) {
      lines.add(row("baseline", true, s, 0, 1, 0, 0.01, 10, 0.40));
      // "slow": blur then clean at lr 0.01, 0.02 worse than the baseline; "fast": the same blur task, then lr 0.02, 0.01 better
      lines.add(row("slow", false, s, 0, 2, 1, 0.01, 20, 0.9));
      lines.add(row("slow", false, s, 1, 2, 0, 0.01, 5, 0.42));
      lines.add(row("fast", false, s, 0, 2, 1, 0.01, 20, 0.9));
      if (complete || s == 1) lines.add(row("fast", false, s, 1, 2, 0, 0.02, 7, 0.39));
    }
    Path file = dir.resolve(complete ? "tasks.csv" : "partial.csv");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void anExhaustiveExperimentBecomesATableThatSearchesAreReplayedOn() throws Exception {
    CliRun r = CliRun.of("bench", "search-table", "--tasks", csv(true).toString(), "--budgets", "1000", "--repetitions", "20",
        "--eta", "2", "--max-rung", "1");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out().split("\n")) if (!line.isBlank()) lines.add(new ObjectMapper().readTree(line));
    assertEquals(2, lines.get(0).get("candidates").asInt());
    assertEquals(2, lines.get(0).get("seeds").asInt());
    assertEquals(-0.01, lines.get(0).get("bestGap").asDouble(), 1e-9, "fast: 0.39 against 0.40");
    assertEquals(1 + 2 * 2, lines.size(), "two methods × with and without sharing, one budget");
    java.util.Map<String, Double> spent = new java.util.HashMap<>();
    for (JsonNode l : lines.subList(1, lines.size())) {
      assertEquals(1.0, l.get("foundBest").asDouble(), "a budget for everything finds the best: " + l);
      spent.put(l.get("method").asText() + " " + l.get("sharePrefixes").asBoolean(), l.get("meanSpent").asDouble());
    }
    // random search: both paths on both seeds. A seed costs the baseline 10, the blur task 20 once
    // when shared (twice when not), the clean tasks 5 and 7: 42 shared, 62 not
    assertEquals(2 * 42, spent.get("random true"), 1e-9);
    assertEquals(2 * 62, spent.get("random false"), 1e-9);
    // halving: both on the first seed (rung 0), only the better one on the second (rung 1): 42 + 37, 62 + 37
    assertEquals(42 + 37, spent.get("successive_halving true"), 1e-9);
    assertEquals(62 + 37, spent.get("successive_halving false"), 1e-9);
  }

  @Test
  void aTableNeedsEveryPathFinishedOnEverySeed() throws Exception {
    CliRun r = CliRun.of("bench", "search-table", "--tasks", csv(false).toString(), "--budgets", "1000");
    assertNotEquals(ExitCodes.OK, r.code());
    assertTrue(r.err().contains("arm fast, seed 2: 1 of 2 tasks completed"), r.err());
  }
}
