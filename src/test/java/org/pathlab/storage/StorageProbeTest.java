package org.pathlab.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A probe round after {@link StorageProbe#close} writes nothing: a stopped daemon leaves its data directory alone. */
class StorageProbeTest {

  @TempDir Path dir;

  @Test
  void aClosedProbeTouchesNothing() {
    StorageProbe probe = new StorageProbe(new StorageProbe.Journal("jdbc:h2:" + dir.resolve("absent/db") + ";IFEXISTS=TRUE", "sa",
        "", "the test journal", "nothing to do"), List.of(dir));
    List<String> open = probe.probe();
    assertEquals(1, open.size(), "open, it tries the journal (absent here) and says so: " + open);
    assertTrue(open.get(0).startsWith("the journal could not be written (the test journal)"), open.get(0));
    probe.close();
    assertEquals(List.of(), probe.probe(), "closed: no journal write, no probe file");
  }
}
