package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `validate` states the smallest gap the scenario's seeds can detect, and warns against its detectable-gap. */
class ValidatePowerTest {

  @TempDir Path dir;

  private Path scenario(String seeds, String extra) throws Exception {
    return Files.writeString(dir.resolve("s.conf"), """
        name = power
        dataset { name = fashion-mnist, train-size = 100, validation-size = 50, test-size = 50 }
        arms = [
          { name = baseline, path = baseline }
          { name = blur, path = jump, transform = blur }
        ]
        """ + seeds + "\n" + extra + "\n");
  }

  @Test
  void validateStatesTheDetectableGapAndWarnsWhenItIsTooLarge() throws Exception {
    // no daemon at this address: nothing to ask for the baseline's history
    CliRun r = CliRun.of("validate", scenario("seeds = [1, 2, 3]", "detectable-gap = 0.02").toString(), "--url", "http://127.0.0.1:9");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    // 3 vs 3: 3.07 sd (R's power.t.test(n = 3, power = 0.8, strict = TRUE)), × the assumed sd 0.05
    assertTrue(r.out().contains("power: 3 seeds per arm against 3 baseline seeds detect a true gap of 3.07 sd or more "
        + "(80 % power, two-sided Welch test at 0.05, before Holm's adjustment over 1 arm; a paired test, where the runs of a "
        + "seed start alike, detects less); at an assumed sd of 0.05 (no daemon answered at http://127.0.0.1:9"), r.out());
    assertTrue(r.out().contains("that is a gap of 0.154 in final test loss"), r.out());
    assertTrue(r.out().contains("warning: detectable-gap = 0.02 is smaller than that"), r.out());
    assertTrue(r.out().contains("about 100 seeds per arm and for the baseline would detect it"), r.out());
  }

  @Test
  void noWarningWithoutADetectableGapOrWhenTheSeedsSuffice() throws Exception {
    CliRun plain = CliRun.of("validate", scenario("seeds = [1, 2, 3]", "").toString());
    assertTrue(plain.out().contains("power: 3 seeds per arm"), plain.out());
    assertFalse(plain.out().contains("warning"), plain.out());
    CliRun enough = CliRun.of("validate", scenario("seeds = [1, 2, 3]", "detectable-gap = 0.2").toString());
    assertFalse(enough.out().contains("warning"), enough.out());
  }

  @Test
  void oneSeedCannotBeTested() throws Exception {
    CliRun r = CliRun.of("validate", scenario("seeds = [1]", "").toString());
    assertTrue(r.out().contains("power: 1 seed per arm against 1 baseline seed: no test is possible"), r.out());
  }

  @Test
  void aBadDetectableGapIsASentenceNamingTheKey() throws Exception {
    CliRun r = CliRun.of("validate", scenario("seeds = [1, 2, 3]", "detectable-gap = 0").toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains(":8: detectable-gap: is 0.0; use the smallest difference in final test loss worth detecting, "
        + "a number > 0 such as 0.02"), r.err());
  }
}
