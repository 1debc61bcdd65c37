package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.cli.CliRun;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.DaemonHttp;
import org.pathlab.testing.TestDaemons;

/**
 * Tags, notes and archiving after submission: each an event of the experiment, so they survive a
 * restart, a rebuild of the read model and an offline replay; bad ones are refused by name and
 * record nothing.
 */
@Tag("slow")
class AnnotationsTest {

  private static final String TINY = """
      name = annotate
      dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 200 }
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 1, patience = 1 }
      arms = [ { name = baseline, path = baseline } ]
      seeds = [1]
      tags = [draft, blur]
      notes = "from the scenario"
      """;

  /** Long enough to be running when it is archived and then cancelled. */
  private static final String LONG = TINY.replace("max-epochs = 1, patience = 1", "max-epochs = 200, patience = 200")
      .replace("train-size = 200", "train-size = 5000").replace("seeds = [1]", "seeds = [1, 2, 3]");

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void tagsNotesAndArchivingAreEventsThatSurviveRestartRebuildAndReplay() throws Exception {
    Path data = dir.resolve("data");
    String id;
    try (Daemon daemon = TestDaemons.start(data)) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      String url = api.url();
      id = api.submit(TINY);
      assertEquals("finished", api.awaitEnded(id, Duration.ofMinutes(5)));

      CliRun tag = cli("tag", id, "+lr-sweep", "-draft", "+second", "--url", url);
      assertEquals(0, tag.code(), tag.err());
      assertEquals("tags of " + id + ": blur lr-sweep second", tag.out().strip());
      CliRun again = cli("tag", id, "+lr-sweep", "--url", url);
      assertEquals("tags of " + id + ": blur lr-sweep second", again.out().strip(), "adding a tag it has changes nothing");

      CliRun bad = cli("tag", id, "+no/slash", "--url", url);
      assertEquals(2, bad.code(), bad.out());
      assertTrue(bad.err().contains("'no/slash' is not a tag") && bad.err().contains("nothing was recorded"), bad.err());
      CliRun unsigned = cli("tag", id, "draft", "--url", url);
      assertEquals(2, unsigned.code());
      assertTrue(unsigned.err().contains("write +draft to add it or -draft to remove it"), unsigned.err());
      assertEquals(4, cli("tag", "20200101-000000-abcd", "+x", "--url", url).code(), "no such experiment");

      CliRun note = cli("note", id, "seed", "1", "looks", "fine", "--url", url);
      assertEquals(0, note.code(), note.err());
      assertTrue(note.out().contains("has 2 note(s)"), note.out());
      CliRun longNote = cli("note", id, "x".repeat(4001), "--url", url);
      assertEquals(2, longNote.code());
      assertTrue(longNote.err().contains("4001 characters long; at most 4000"), longNote.err());

      // a running experiment cannot be archived; an ended one can, and leaves the lists but not the journal
      String running = api.submit(LONG);
      CliRun early = cli("archive", running, "--url", url);
      assertEquals(6, early.code(), early.out());
      assertTrue(early.err().contains("is still running; cancel it"), early.err());
      api.post("/api/experiments/" + running + "/cancel");
      assertEquals("cancelled", api.awaitEnded(running, Duration.ofMinutes(2)));

      assertEquals(0, cli("archive", id, "--url", url).code());
      // lists show it at once: a read-model row behind the journal is folded from the journal instead
      assertEquals(List.of(running), ids(api.get("/api/experiments")));
      assertEquals(List.of(id), ids(api.get("/api/experiments?archived=true")));
      CliRun status = cli("status", "--archived", "--url", url);
      assertTrue(status.out().contains(id) && !status.out().contains(running), status.out());
      assertEquals(200, api.getRaw("/api/experiments/" + id + "/report").statusCode(), "an archived experiment's report still answers");
      assertEquals(List.of(), ids(api.get("/api/experiments?tag=lr-sweep")), "the list hides it, whatever the filter");
      assertEquals(List.of(id), ids(api.get("/api/experiments?tag=lr-sweep&archived=true")));
      assertEquals(400, api.getRaw("/api/experiments?archived=maybe").statusCode());

      List<String> types = new ArrayList<>();
      api.get("/api/experiments/" + id + "/events").forEach(e -> types.add(e.path("type").asText()));
      assertEquals(List.of("TagsChanged", "NoteAdded", "ArchiveChanged"), types.subList(types.size() - 3, types.size()),
          "one event each; the repeated tag recorded nothing: " + types);
    }

    // restarted: the supervisor's state and the read model both come from the journal
    try (Daemon daemon = TestDaemons.start(data)) {
      DaemonHttp api = new DaemonHttp(daemon.port());
      JsonNode summary = api.get("/api/experiments/" + id).path("summary");
      assertAnnotated(summary, true);
      CliRun detail = cli("status", id, "--url", api.url());
      assertTrue(detail.out().contains("(archived)") && detail.out().contains("tags: blur lr-sweep second")
          && detail.out().contains(": seed 1 looks fine"), detail.out());

      assertEquals(0, cli("restore", id, "--url", api.url()).code());
      api.awaitJson(Duration.ofSeconds(30), "/api/experiments?tag=lr-sweep", list -> ids(list).equals(List.of(id)));

      // the read model rebuilt from the first event says the same
      long target = api.post("/api/reports/rebuild").path("target").asLong();
      api.awaitJson(Duration.ofMinutes(2), "/api/reports/progress", p -> p.path("offset").asLong() >= target);
      JsonNode listed = api.awaitJson(Duration.ofSeconds(30), "/api/experiments?tag=second", list -> ids(list).equals(List.of(id)));
      assertAnnotated(listed.get(0), false);
    }

    // an offline replay of a journal with these events writes the same report as before
    Path replayed = dir.resolve("replayed");
    CliRun replay = cli("replay", "--journal", data.resolve("journal/pathlab.mv.db").toString(), "--out", replayed.toString());
    assertEquals(0, replay.code(), replay.err());
    assertEquals(Files.readString(data.resolve("reports").resolve(id).resolve("report.md")),
        Files.readString(replayed.resolve(id).resolve("report.md")));
  }

  private static void assertAnnotated(JsonNode summary, boolean archived) {
    List<String> tags = new ArrayList<>();
    summary.path("tags").forEach(t -> tags.add(t.asText()));
    assertEquals(List.of("blur", "lr-sweep", "second"), tags, summary.toString());
    assertEquals(2, summary.path("notes").size(), summary.toString());
    assertEquals("from the scenario", summary.path("notes").get(0).path("text").asText());
    assertEquals("seed 1 looks fine", summary.path("notes").get(1).path("text").asText());
    assertEquals(archived, summary.path("archived").asBoolean(), summary.toString());
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(e -> ids.add(e.path("id").asText()));
    return ids;
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
