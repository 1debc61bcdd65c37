package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.cli.CliRun;
import org.pathlab.cli.ExitCodes;
import org.pathlab.daemon.Daemon;
import org.pathlab.report.ReportFiles;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * The report projection folds events in groups (one read-model write per experiment and group): a
 * journal of many experiments, several in each group, rebuilt from its first event, gives every
 * finished experiment's report files byte for byte as a replay of the journal file does.
 */
@Tag("slow")
class ProjectionCatchUpTest {

  @TempDir Path dir;

  @Test
  void aRebuiltReadModelWritesEveryReportAsTheReplayDoes() throws Exception {
    Path data = dir.resolve("var");
    // 5 arms × 2 seeds: 2 + 8 runs of 1 or 2 tasks, 34 events an experiment; about 60 experiments
    CliRun written = CliRun.of("bench", "journal", "--data-dir", data.toString(), "--events", "2000", "--seeds", "2");
    assertEquals(ExitCodes.OK, written.code(), written.err());
    int experiments = Integer.parseInt(written.out().replaceAll("(?s).*\"experiments\":(\\d+).*", "$1"));
    assertTrue(experiments > 20, written.out());

    try (Daemon daemon = TestDaemons.start(data)) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      // first the projection catches up with what the bench daemon left unfolded; then every report is deleted and rebuilt
      api.awaitJson(Duration.ofMinutes(2), "/api/reports/progress",
          p -> p.path("journalEnd").asLong() >= 2000 && p.path("offset").asLong() == p.path("journalEnd").asLong());
      org.apache.commons.io.file.PathUtils.deleteDirectory(data.resolve("reports"));
      long target = api.post("/api/reports/rebuild").path("target").asLong();
      assertTrue(target >= 2000, "the rebuild starts from the first of " + target + " events");
      JsonNode progress = api.awaitJson(Duration.ofMinutes(2), "/api/reports/progress", p -> p.path("offset").asLong() >= target);
      assertEquals(progress.path("journalEnd").asLong(), progress.path("offset").asLong(), progress.toString());
    }

    Path replayed = dir.resolve("replayed");
    CliRun replay = CliRun.of("replay", "--journal", data.resolve("journal/pathlab.mv.db").toString(), "--out", replayed.toString());
    assertEquals(ExitCodes.OK, replay.code(), replay.err());
    List<Path> ids;
    try (Stream<Path> listed = Files.list(replayed)) {
      ids = listed.map(Path::getFileName).sorted().toList();
    }
    assertEquals(experiments, ids.size(), "every experiment replayed");
    for (Path id : ids) {
      for (String name : ReportFiles.NAMES) {
        assertEquals(Files.readString(replayed.resolve(id).resolve(name)),
            Files.readString(data.resolve("reports").resolve(id).resolve(name)), id + "/" + name + " written by the projection");
      }
    }
  }
}
