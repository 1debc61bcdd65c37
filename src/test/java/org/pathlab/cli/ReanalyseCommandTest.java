package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `reanalyse` reads a committed report CSV and compares its arms again, paired only where proven or asked. */
class ReanalyseCommandTest {

  private static final String CSV = "docs/results/replication/bias-reset.csv";

  @TempDir Path dir;

  @Test
  void aCsvWithoutInitialWeightsIsUnpairedUnlessAsked() {
    CliRun plain = CliRun.of("reanalyse", CSV);
    assertEquals(ExitCodes.OK, plain.code(), plain.err());
    assertTrue(plain.out().contains("records no initial weights, so nothing is paired"), plain.out());
    assertTrue(plain.out().contains("| BR no/no | baseline | 10 vs 10 | 0.3623 | 0.3462 | +0.0161 [+0.0048, +0.0274] (Welch t) | unpaired |"),
        plain.out());
    CliRun paired = CliRun.of("reanalyse", CSV, "--assume-paired");
    assertTrue(paired.out().contains("ASSUMED to have started alike"), paired.out());
    // the numbers: blur→sharp paired by seed p = 0.00075 where Welch said 0.0078
    assertTrue(paired.out().contains("paired t p = 0.000753, Holm-adjusted over 4 arms: 0.000995; unpaired Welch p = 0.00782"),
        paired.out());
    CliRun against = CliRun.of("reanalyse", CSV, "--assume-paired", "--against", "BR no/no");
    assertTrue(against.out().contains("every arm against arm BR no/no"), against.out());
  }

  @Test
  void aFileThatIsNotAReportCsvIsRefusedByName() throws Exception {
    Path other = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
    CliRun r = CliRun.of("reanalyse", other.toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains(other + " is not a pathlab report CSV"), r.err());
    CliRun missing = CliRun.of("reanalyse", dir.resolve("none.csv").toString());
    assertEquals(ExitCodes.USAGE, missing.code());
  }
}
