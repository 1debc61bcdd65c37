package org.pathlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A scenario file's text as the user saved it: UTF-8, no NUL bytes, a text file's size. Whatever
 * else is refused naming the file, the line and what to do, before anything parses it.
 */
final class ScenarioFile {

  /** Far above any real scenario (a few kB), far below what would exhaust the CLI's memory. */
  static final long MAX_BYTES = 16L << 20;

  private ScenarioFile() {}

  static String read(Path file) {
    if (Files.isDirectory(file)) {
      throw new CliException(ExitCodes.USAGE, file + " is a directory; give a scenario file (ready ones are in scenarios/)");
    }
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file) && Files.exists(file)) {
        throw new CliException(ExitCodes.USAGE, file + " is not a regular file; give a scenario file (ready ones are in scenarios/)");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new CliException(ExitCodes.USAGE, String.format(Locale.ROOT,
            "%s is %,d bytes, not a scenario (those are text files of a few kB); check the file name", file, size));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.USAGE, "no scenario file " + file + "; ready ones are in scenarios/");
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read the scenario file " + file + ": " + FileErrors.reason(e));
    }
    return decode(file, bytes);
  }

  static String decode(Path file, byte[] bytes) {
    try {
      return org.pathlab.scenario.ScenarioText.decode(bytes, file.toString());
    } catch (org.pathlab.scenario.ScenarioException e) {
      throw new CliException(ExitCodes.USAGE, String.join("\n  ", e.problems()));
    }
  }
}
