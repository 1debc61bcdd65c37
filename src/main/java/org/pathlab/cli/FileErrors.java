package org.pathlab.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reason a file operation failed, as a person reads it ("permission denied"), never the exception's text. */
final class FileErrors {

  private static final Pattern IN_PARENTHESES = Pattern.compile(".* \\((.+)\\)");

  private static final String NOT_DIRECTORY = "a part of the path is a file, not a directory";

  private FileErrors() {}

  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) return "it does not exist";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
    if (e instanceof CharacterCodingException) return "it is not UTF-8 text"; // "Input length = 1"
    if (e instanceof NotDirectoryException) return "it is a file, not a directory";
    // the operating system's own words: "Is a directory", "No space left on device", "Read-only file system"
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (e instanceof FileNotFoundException && reason != null) {
      // java.io says "PATH (No such file or directory)"
      Matcher m = IN_PARENTHESES.matcher(reason);
      if (m.matches()) reason = m.group(1);
    }
    if (reason == null || reason.isBlank()) return e.getClass().getSimpleName();
    if (reason.equals("Not a directory")) return NOT_DIRECTORY; // ENOTDIR: a file where the path needs a directory
    return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
  }
}
