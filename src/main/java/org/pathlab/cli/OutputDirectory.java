package org.pathlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory a command writes its files into: refused with a sentence when it cannot be one. */
final class OutputDirectory {

  private OutputDirectory() {}

  /** Refuses a file in the way or a directory the user may not write to; creates nothing. {@code option}: e.g. {@code --out}. */
  static Path check(Path dir, String option) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CliException(ExitCodes.USAGE, option + " " + dir + " is a file, not a directory; "
          + "give a directory (it is created when missing)");
    }
    if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
      throw new CliException(ExitCodes.USAGE, "cannot write into " + dir + " (" + option + "): permission denied; "
          + "give a directory you may write to");
    }
    return dir;
  }

  /** {@link #check}, then creates the directory when missing. */
  static Path prepare(Path dir, String option) {
    check(dir, option);
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
