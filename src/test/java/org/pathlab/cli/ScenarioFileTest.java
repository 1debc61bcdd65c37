package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scenario file that is not UTF-8 text is refused by `validate` and `submit` alike, naming the
 * file, the line and what to do, before anything is parsed or sent. {@code submit} is pointed at
 * an address where no daemon answers: a refusal exits 2, a request that went out would exit 3.
 */
class ScenarioFileTest {

  private static final String NOWHERE = "http://127.0.0.1:9";

  @TempDir Path dir;

  private static CliRun run(String command, Path file) {
    return command.equals("submit") ? CliRun.of(command, file.toString(), "--url", NOWHERE) : CliRun.of(command, file.toString());
  }

  private Path bytes(String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content);
  }

  private static byte[] concat(String before, int[] raw, String after) {
    byte[] a = before.getBytes(StandardCharsets.UTF_8);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[a.length + raw.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    for (int i = 0; i < raw.length; i++) all[a.length + i] = (byte) raw[i];
    System.arraycopy(c, 0, all, a.length + raw.length, c.length);
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "submit"})
  void aLatin1ScenarioNamesFileLineAndOffsetAndSaysToSaveItAsUtf8(String command) throws Exception {
    // "é" in ISO-8859-1 is the single byte 0xE9: on line 2, at byte offset 17 ("name = quick\n" is 13 bytes, then "# ca")
    Path file = bytes("latin1.conf", concat("name = quick\n# ca", new int[] {0xE9}, "\nseeds = [1]\n"));
    CliRun r = run(command, file);
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: " + file + ":2: not UTF-8 text (byte 0xE9 at byte offset 17); save the scenario as UTF-8", r.err().strip());
    assertFalse(r.err().contains("Input length"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "submit"})
  void aNulByteIsRefusedNamingFileAndLine(String command) throws Exception {
    Path file = bytes("nul.conf", concat("name = quick\nseeds = [1]\narms = [", new int[] {0}, "]\n"));
    CliRun r = run(command, file);
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().startsWith("pathlab: " + file + ":3: a NUL byte (byte offset 33): a scenario is UTF-8 text"), r.err());
    assertTrue(r.err().strip().endsWith("save it as UTF-8 text"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "submit"})
  void aUtf16ScenarioIsRefusedAsNotUtf8(String command) throws Exception {
    // with its byte-order mark FF FE (as Windows' Notepad saves "Unicode")
    Path file = bytes("utf16.conf", "\uFEFFname = quick\n".getBytes(StandardCharsets.UTF_16LE));
    CliRun r = run(command, file);
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: " + file + ":1: UTF-16 text (it starts with a UTF-16 byte-order mark); save the scenario as UTF-8",
        r.err().strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "submit"})
  void aUtf16ScenarioWithoutByteOrderMarkIsRefusedForItsNulBytes(String command) throws Exception {
    Path file = bytes("utf16.conf", "name = quick\n".getBytes(StandardCharsets.UTF_16BE));
    CliRun r = run(command, file);
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().startsWith("pathlab: " + file + ":1: a NUL byte (byte offset 0): a scenario is UTF-8 text, and this "
        + "looks like a binary or UTF-16 file"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "submit"})
  void aDirectoryIsNoScenario(String command) {
    CliRun r = run(command, dir);
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: " + dir + " is a directory; give a scenario file (ready ones are in scenarios/)", r.err().strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "submit"})
  void aDeviceFileIsNoScenario(String command) {
    CliRun r = run(command, Path.of("/dev/zero"));
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals("pathlab: /dev/zero is not a regular file; give a scenario file (ready ones are in scenarios/)", r.err().strip());
  }

  @org.junit.jupiter.api.Test
  void aUtf8ScenarioWithAByteOrderMarkIsValid() throws Exception {
    byte[] quickstart = Files.readAllBytes(Path.of("scenarios/quickstart.conf"));
    Path file = bytes("bom.conf", concat("", new int[] {0xEF, 0xBB, 0xBF}, new String(quickstart, StandardCharsets.UTF_8)));
    CliRun r = CliRun.of("validate", file.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().contains("valid — small-cnn on fashion-mnist"), r.out());
  }
}
