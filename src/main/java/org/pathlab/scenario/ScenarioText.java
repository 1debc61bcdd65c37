package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's HOCON read as data, never as a program: {@code include} is refused, a {@code ${}}
 * substitution resolves only against the scenario itself (never the server's environment or
 * system properties), and the text's size and nesting are bounded before the parser sees it, so
 * that no file can make the server read its own files, make a request, reveal a secret or run
 * out of stack.
 */
public final class ScenarioText {

  private static final Pattern UNRESOLVED = Pattern.compile("substitution to a value: (\\$\\{\\??[^}]*})");
  private static final Pattern INCLUDE = Pattern.compile("include\\s*(\"|file\\s*\\(|url\\s*\\(|classpath\\s*\\(|required\\s*\\()");

  private ScenarioText() {}

  /**
   * A scenario's bytes as text: strict UTF-8 without NUL bytes (a byte-order mark dropped), or a
   * {@link ScenarioException} naming the line and byte offset of the first bad byte.
   */
  public static String decode(byte[] bytes, String origin) {
    if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)) {
      throw new ScenarioException(List.of(origin + ":1: UTF-16 text (it starts with a UTF-16 byte-order mark); "
          + "save the scenario as UTF-8"));
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
      throw new ScenarioException(List.of(String.format(Locale.ROOT,
          "%s:%d: not UTF-8 text (byte 0x%02X at byte offset %d); save the scenario as UTF-8", origin, line(bytes, offset),
          bytes[offset] & 0xff, offset)));
    }
    // NUL is valid UTF-8, but no text has one: a binary file, or UTF-16 without its byte-order mark
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new ScenarioException(List.of(origin + ":" + line(bytes, i) + ": a NUL byte (byte offset " + i
            + "): a scenario is UTF-8 text, and this looks like a binary or UTF-16 file; save it as UTF-8 text"));
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

  /**
   * Parses and resolves {@code text}; throws {@link ScenarioException} with every problem found,
   * each naming {@code origin} and a line.
   */
  static Config parse(String text, String origin, ScenarioLimits limits) {
    List<String> problems = new ArrayList<>();
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxBytes()) {
      throw new ScenarioException(List.of(origin + ": the scenario is " + bytes + " bytes; at most " + limits.maxBytes()
          + " are accepted (pathlab.scenario-limits.max-bytes)"));
    }
    scan(text, origin, limits, problems);
    if (!problems.isEmpty()) throw new ScenarioException(problems);
    Config root;
    try {
      root = ConfigFactory.parseString(text, ConfigParseOptions.defaults()
          .setOriginDescription(origin)
          .setSyntax(ConfigSyntax.CONF)
          .setAllowMissing(false)
          .setIncluder(new Refusing()));
    } catch (IncludeRefused e) {
      throw new ScenarioException(List.of(origin + ":?: include: " + IncludeRefused.ADVICE));
    } catch (ConfigException e) {
      throw new ScenarioException(List.of(e.getMessage() + " — fix the HOCON at that line"));
    }
    // dotted keys (a.b.c = 1) nest too, without a bracket the scan would have counted
    int depth = depth(root.root(), limits.maxDepth() + 1);
    if (depth > limits.maxDepth()) {
      throw new ScenarioException(List.of(origin + ":?: the scenario nests deeper than " + limits.maxDepth()
          + " levels (pathlab.scenario-limits.max-depth); a scenario needs a handful"));
    }
    // the resolver copies a value for every ${} that names it: bound the result before resolving
    long resolvedCap = 4L * limits.maxBytes();
    if (Expansion.resolvedSize(root.root(), resolvedCap) > resolvedCap) {
      throw new ScenarioException(List.of(origin + ":?: its ${} substitutions would make the scenario more than "
          + resolvedCap + " characters (4 × pathlab.scenario-limits.max-bytes) once resolved; a substitution may"
          + " repeat a value, not multiply it — write the values out"));
    }
    try {
      // noSystem: ${X} is looked up in this scenario only, never in the server's environment
      return root.resolve(ConfigResolveOptions.noSystem());
    } catch (ConfigException.UnresolvedSubstitution e) {
      Matcher m = UNRESOLVED.matcher(e.getMessage());
      String what = m.find() ? m.group(1) : "a substitution";
      int line = e.origin() == null ? -1 : e.origin().lineNumber();
      String where = origin + ":" + (line > 0 ? line : "?") + ": ";
      if (definedHere(root, what)) {
        throw new ScenarioException(List.of(where + what + " cannot be resolved: its definition refers back to itself;"
            + " write the value itself"));
      }
      throw new ScenarioException(List.of(where + what
          + " is not defined in this scenario; a scenario is self-contained and cannot read the server's environment,"
          + " system properties or files — write the value itself"));
    } catch (ConfigException e) {
      throw new ScenarioException(List.of(e.getMessage() + " — fix the HOCON at that line"));
    }
  }

  /** Whether {@code ${path}} names a key of the scenario (one that could not be resolved: a cycle). */
  private static boolean definedHere(Config root, String substitution) {
    String path = substitution.replaceAll("^\\$\\{\\??|}$", "");
    try {
      return root.hasPathOrNull(path);
    } catch (ConfigException.NotResolved e) {
      return true; // there, but made of substitutions
    } catch (ConfigException e) {
      return false;
    }
  }

  /**
   * One pass over the text before the parser runs: control characters, bracket depth and include
   * statements, each reported with its line. Quoted strings and comments are skipped as HOCON
   * reads them; unquoted HOCON text cannot hold brackets, so every bracket outside them counts.
   */
  private static void scan(String text, String origin, ScenarioLimits limits, List<String> problems) {
    int line = 1;
    int depth = 0;
    boolean depthReported = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7f) {
        problems.add(origin + ":" + line + ": the text holds a control character (U+"
            + String.format("%04X", (int) c) + "); a scenario is plain text — remove it");
        return;
      } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
        while (i + 1 < n && text.charAt(i + 1) != '\n') i++;
      } else if (c == '"') {
        if (text.startsWith("\"\"\"", i)) {
          int end = text.indexOf("\"\"\"", i + 3);
          if (end < 0) return; // unterminated: the parser names it
          while (end + 3 < n && text.charAt(end + 3) == '"') end++;
          for (int k = i; k < end; k++) if (text.charAt(k) == '\n') line++;
          i = end + 2;
        } else {
          int k = i + 1;
          while (k < n && text.charAt(k) != '"' && text.charAt(k) != '\n') k += text.charAt(k) == '\\' ? 2 : 1;
          i = Math.min(k, n - 1);
          if (k < n && text.charAt(k) == '\n') line++;
        }
      } else if (c == '{' || c == '[') {
        depth++;
        if (depth > limits.maxDepth() && !depthReported) {
          problems.add(origin + ":" + line + ": the scenario nests deeper than " + limits.maxDepth()
              + " levels (pathlab.scenario-limits.max-depth); a scenario needs a handful — check the brackets");
          depthReported = true;
        }
      } else if (c == '}' || c == ']') {
        depth = Math.max(0, depth - 1);
      } else if (c == 'i' && text.startsWith("include", i) && (i == 0 || !wordChar(text.charAt(i - 1)))) {
        if (INCLUDE.matcher(text).region(i, Math.min(n, i + 64)).lookingAt()) {
          problems.add(origin + ":" + line + ": include: " + IncludeRefused.ADVICE);
        }
      }
    }
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
  }

  /** The nesting depth of {@code value}, counted without recursion and up to {@code cap}. */
  private static int depth(ConfigValue value, int cap) {
    record At(ConfigValue v, int d) {}
    Deque<At> todo = new ArrayDeque<>();
    todo.push(new At(value, 1));
    int max = 0;
    while (!todo.isEmpty()) {
      At at = todo.pop();
      max = Math.max(max, at.d());
      if (max >= cap) return max;
      if (at.v() instanceof ConfigObject o) {
        for (ConfigValue child : o.values()) todo.push(new At(child, at.d() + 1));
      } else if (at.v() instanceof ConfigList l) {
        for (ConfigValue child : l) todo.push(new At(child, at.d() + 1));
      }
    }
    return max;
  }

  /** Thrown by {@link Refusing}: the parser stops at the first include. */
  private static final class IncludeRefused extends RuntimeException {
    static final String ADVICE = "a scenario cannot include other files, URLs or resources (it is data, read on the"
        + " server); copy the settings into this file";

    IncludeRefused() {
      super(ADVICE, null, false, false);
    }
  }

  /** An includer for every kind of include (file, url, classpath, plain) that reads nothing. */
  private static final class Refusing implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this; // never fall back to an includer that reads
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      throw new IncludeRefused();
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
      throw new IncludeRefused();
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
      throw new IncludeRefused();
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String resource) {
      throw new IncludeRefused();
    }
  }
}
