package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pathlab datasets} on this machine, through {@link Main#run}. The data directory is a
 * fresh temporary one (set as pathlab.data-dir, the way an operator would), so the roots are those
 * the daemon would use here, minus anything left in ./var.
 */
class DatasetsCommandTest {

  private static final String SYSTEM_FASHION = "/usr/share/datasets/fashion-mnist";
  private static final List<String> ABSENT = List.of("mnist", "cifar-10", "svhn");

  @TempDir Path dataDir;

  @BeforeEach
  void useATemporaryDataDir() {
    assumeTrue(System.getenv("PATHLAB_DATA") == null, "PATHLAB_DATA must be unset");
    System.setProperty("pathlab.data-dir", dataDir.toString());
    ConfigFactory.invalidateCaches();
  }

  @AfterEach
  void restore() {
    System.clearProperty("pathlab.data-dir");
    ConfigFactory.invalidateCaches();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void theTableShowsFashionMnistVerifiedAndTheOthersMissing() {
    CliRun r = run("datasets");
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("NAME\\s+STATUS\\s+WHERE\\s+DETAIL"), lines.get(0));
    assertTrue(line(lines, "fashion-mnist ").matches("fashion-mnist\\s+verified\\s+" + SYSTEM_FASHION + "\\s+.*SHA-256.*"),
        r.out());
    for (String name : ABSENT) {
      String row = line(lines, name + " ");
      assertTrue(row.matches(name + "\\s+missing\\s+-\\s+not found; looked in .*"), row);
      assertTrue(row.contains(dataDir.resolve("datasets").resolve(name).toString()), row);
      assertTrue(line(lines, "  " + name + ": ").contains("`ops/datasets " + name + "`"), r.out());
    }
    assertTrue(r.out().contains("How to get them:"), r.out());
  }

  @Test
  void jsonListsTheSame() throws Exception {
    CliRun r = run("datasets", "--json");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    JsonNode list = new ObjectMapper().readTree(r.out());
    assertEquals(4, list.size());
    for (JsonNode d : list) {
      String name = d.path("name").asText();
      if (name.equals("fashion-mnist")) {
        assertEquals("VERIFIED", d.path("status").asText());
        assertEquals(SYSTEM_FASHION, d.path("location").asText());
      } else {
        assertTrue(ABSENT.contains(name), name);
        assertEquals("MISSING", d.path("status").asText());
        assertTrue(d.path("location").isNull());
        assertTrue(d.path("howToGet").asText().contains("`ops/datasets " + name + "`"));
      }
    }
  }

  @Test
  void aChangedFileExitsWithOne() throws Exception {
    // <data-dir>/datasets is searched before /usr/share/datasets
    Path copy = Files.createDirectories(dataDir.resolve("datasets/fashion-mnist"));
    for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte")) {
      Files.copy(Path.of(SYSTEM_FASHION, f + ".gz"), copy.resolve(f + ".gz"));
    }
    Path labels = copy.resolve("t10k-labels-idx1-ubyte.gz");
    byte[] content;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(SYSTEM_FASHION, "t10k-labels-idx1-ubyte.gz")))) {
      content = in.readAllBytes();
    }
    content[100] ^= 0x01;
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(content);
    }
    Files.write(labels, gz.toByteArray());

    CliRun r = run("datasets");
    assertEquals(DatasetsCommand.MISMATCH, r.code(), r.out());
    String row = line(r.out().lines().toList(), "fashion-mnist ");
    assertTrue(row.matches("fashion-mnist\\s+mismatch\\s+" + copy + "\\s+" + labels + ": SHA-256 .*"), row);
    assertTrue(row.contains("delete it and run `ops/datasets fashion-mnist`"), row);
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starts with '" + prefix + "': " + lines));
  }
}
