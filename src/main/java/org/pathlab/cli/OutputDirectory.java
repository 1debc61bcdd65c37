package org.pathlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory a command writes its files into: created when missing, refused with a sentence when it cannot be. */
final class OutputDirectory {

  private OutputDirectory() {}

  /** {@code option}: how the user named it, e.g. {@code --out}. */
  static Path prepare(Path dir, String option) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CliException(ExitCodes.USAGE, option + " " + dir + " is a file, not a directory; "
          + "give a directory (it is created when missing)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot create the directory " + dir + " (" + option + "): "
          + FileErrors.reason(e) + "; give a directory you may write to");
    }
    if (!Files.isWritable(dir)) {
      throw new CliException(ExitCodes.USAGE, "cannot write into " + dir + " (" + option + "): permission denied; "
          + "give a directory you may write to");
    }
    return dir;
  }
}
