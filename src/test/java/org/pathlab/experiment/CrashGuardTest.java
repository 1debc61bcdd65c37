package org.pathlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How marks left by a dead daemon become deaths, and deaths a quarantine (issue R). */
class CrashGuardTest {

  private static final String ID = "20261207-093000-ab12";
  private static final String OTHER = "20261207-093001-cd34";

  @TempDir Path data;

  @Test
  void twoDeathsInARowQuarantineAnEpochForgivesAndANormalEndLeavesNoMark() {
    CrashGuard first = new CrashGuard(data, 2);
    assertTrue(first.quarantined().isEmpty());
    first.enter(ID, CrashGuard.Phase.TRAINING);
    first.enter(OTHER, CrashGuard.Phase.TRAINING);
    first.leave(OTHER, CrashGuard.Phase.TRAINING); // OTHER's task returned before the "death"

    CrashGuard second = new CrashGuard(data, 2); // the JVM died with ID in flight: one death
    assertTrue(second.quarantined().isEmpty(), "one death is not a loop");
    second.enter(ID, CrashGuard.Phase.RECOVERY);

    CrashGuard third = new CrashGuard(data, 2); // died again, in its recovery
    assertEquals(java.util.Set.of(ID), third.quarantined().keySet());
    assertTrue(third.quarantined().get(ID).startsWith("quarantined: the daemon stopped without shutting down 2 times in a row"
        + " while this experiment was in recovery"), third.quarantined().get(ID));
    assertTrue(third.isQuarantined(ID) && !third.isQuarantined(OTHER));
    assertTrue(new CrashGuard(data, 2).isQuarantined(ID), "a quarantine lasts: it is not brought back at later starts");
  }

  @Test
  void anEpochTrainedForgivesADeath() throws Exception {
    CrashGuard first = new CrashGuard(data, 2);
    first.enter(ID, CrashGuard.Phase.TRAINING);
    CrashGuard second = new CrashGuard(data, 2);
    second.enter(ID, CrashGuard.Phase.TRAINING);
    second.progressed(ID); // an epoch: the experiment got further than before
    assertFalse(Files.exists(data.resolve("crash-guard/deaths/" + ID)));
    assertTrue(new CrashGuard(data, 2).quarantined().isEmpty(), "a death after progress is the first again");
  }

  @Test
  void idsThatAreNotExperimentIdsNeverBecomeFileNames() {
    CrashGuard guard = new CrashGuard(data, 2);
    guard.enter("../../escape", CrashGuard.Phase.TRAINING);
    assertTrue(new CrashGuard(data, 2).quarantined().isEmpty());
    assertFalse(Files.exists(data.resolve("escape.training")));
  }
}
