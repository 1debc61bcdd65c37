package org.pathlab.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A scenario file's text as the user saved it: UTF-8, no NUL bytes, a text file's size. Whatever
 * else is refused naming the file, the line and what to do, before anything parses it.
 */
final class ScenarioText {

  /** Far above any real scenario (a few kB), far below what would exhaust the CLI's memory. */
  static final long MAX_BYTES = 16L << 20;

  private ScenarioText() {}

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
    if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)) {
      throw new CliException(ExitCodes.USAGE, file + ":1: UTF-16 text (it starts with a UTF-16 byte-order mark); "
          + "save the scenario as UTF-8");
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) result = decoder.flush(out);
    if (result.isError()) {
      int offset = in.position();
      throw new CliException(ExitCodes.USAGE, String.format(Locale.ROOT,
          "%s:%d: not UTF-8 text (byte 0x%02X at byte offset %d); save the scenario as UTF-8", file, line(bytes, offset),
          bytes[offset] & 0xff, offset));
    }
    // NUL is valid UTF-8, but no text has one: a binary file, or UTF-16 without its byte-order mark
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new CliException(ExitCodes.USAGE, file + ":" + line(bytes, i) + ": a NUL byte (byte offset " + i
            + "): a scenario is UTF-8 text, and this looks like a binary or UTF-16 file; save it as UTF-8 text");
      }
    }
    String text = out.flip().toString();
    // a byte-order mark is how some editors mark UTF-8; it is no part of the scenario
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static int line(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
    return line;
  }
}
