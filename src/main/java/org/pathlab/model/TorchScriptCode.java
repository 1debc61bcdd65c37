package org.pathlab.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A TorchScript archive read as the program it is, before PyTorch loads it: loading a module runs
 * its code (its {@code __setstate__}, then its {@code forward} when trained), and that code can
 * call {@code torch.from_file} and write through the tensor it gets. The archive's {@code code/}
 * holds the whole program as text; every operator it names must be one of the tensor and nn
 * operators a network needs ({@code torchscript-operators.txt}), every plain call a builtin or a
 * function the archive defines. The archive's entries, their inflated sizes and its code are
 * bounded, so that a small file cannot inflate to gigabytes in the loader.
 */
public final class TorchScriptCode {

  /** A model file larger than this is refused before it is read (into the heap): 512 MiB. */
  public static final long MAX_FILE_BYTES = 512L << 20;
  /** The code of a module, all files together: 16 MiB is far more than any network's. */
  static final long MAX_CODE_BYTES = 16L << 20;
  static final int MAX_ENTRIES = 100_000;

  private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'");
  private static final Pattern OPERATOR = Pattern.compile("(?<![\\w.])(torch|ops)((?:\\s*\\.\\s*\\w+)+)");
  private static final Pattern BARE = Pattern.compile("(?<![\\w.])(torch|ops)\\b(?!\\s*\\.)");
  private static final Pattern CALL = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)\\s*\\(");
  private static final Pattern DEFINED = Pattern.compile("(?m)^\\s*(?:def|class)\\s+(\\w+)|^\\s*(\\w+)\\s*(?::[^=\\n]*)?=(?!=)");
  private static final Set<String> KEYWORDS = Set.of("if", "elif", "while", "for", "in", "not", "and", "or", "return", "assert",
      "def", "class", "lambda", "with", "is", "else", "pass", "raise");
  private static final Allowed ALLOWED = Allowed.load();

  private TorchScriptCode() {}

  /** The operators and builtins the allow-list holds, from {@code torchscript-operators.txt}. */
  record Allowed(Set<String> torch, Set<String> prim, Set<String> builtins) {
    static Allowed load() {
      Map<String, Set<String>> sections = new LinkedHashMap<>();
      Set<String> current = null;
      try (InputStream in = TorchScriptCode.class.getResourceAsStream("torchscript-operators.txt")) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String l = line.replaceAll("#.*", "").strip();
          if (l.isEmpty()) continue;
          if (l.startsWith("[")) {
            current = sections.computeIfAbsent(l.substring(1, l.length() - 1), k -> new HashSet<>());
          } else {
            for (String name : l.split("\\s+")) current.add(name);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Allowed(Set.copyOf(sections.get("torch")), Set.copyOf(sections.get("prim")), Set.copyOf(sections.get("builtins")));
    }
  }

  /**
   * Refuses {@code bytes} with an {@link IllegalArgumentException} whose message reads after "the
   * module is": the first operator outside the allow-list, with its code file and line, or the
   * bound an archive exceeds. Silent for a module whose code only computes.
   */
  public static void check(byte[] bytes) {
    Map<String, String> code = code(bytes);
    Set<String> defined = new HashSet<>();
    Map<String, String> stripped = new LinkedHashMap<>();
    for (var e : code.entrySet()) {
      String text = STRING.matcher(e.getValue()).replaceAll("\"\"");
      stripped.put(e.getKey(), text);
      Matcher d = DEFINED.matcher(text);
      while (d.find()) defined.add(d.group(1) != null ? d.group(1) : d.group(2));
    }
    for (var e : stripped.entrySet()) {
      String text = e.getValue();
      Matcher op = OPERATOR.matcher(text);
      while (op.find()) {
        String[] parts = op.group(2).replaceAll("\\s", "").substring(1).split("\\.");
        boolean ok = op.group(1).equals("torch")
            ? parts.length == 1 && ALLOWED.torch().contains(parts[0])
            : parts.length == 2 && (parts[0].equals("aten") && ALLOWED.torch().contains(parts[1])
                || parts[0].equals("prim") && ALLOWED.prim().contains(parts[1]));
        if (!ok) throw refused(op.group(1) + "." + String.join(".", parts), e.getKey(), text, op.start());
      }
      Matcher bare = BARE.matcher(text);
      if (bare.find()) throw refused(bare.group(1) + " as a value", e.getKey(), text, bare.start());
      Matcher call = CALL.matcher(text);
      while (call.find()) {
        String name = call.group(1);
        if (KEYWORDS.contains(name) || defined.contains(name) || ALLOWED.builtins().contains(name) || name.equals("torch")
            || name.equals("ops")) {
          continue;
        }
        throw refused(name, e.getKey(), text, call.start());
      }
    }
  }

  private static IllegalArgumentException refused(String operator, String file, String text, int at) {
    int line = 1;
    for (int i = 0; i < at; i++) if (text.charAt(i) == '\n') line++;
    return new IllegalArgumentException("a module whose code calls " + operator + " (" + file + ", line " + line + "), which is not "
        + "among the tensor and nn operators pathlab lets a model file use: a model file is a program, and pathlab runs only "
        + "programs that compute (no files, storage from files, printing, RPC or custom operators); see docs/own-models.md");
  }

  /** Every {@code code/…py} entry's text, the archive's entries and inflated sizes bounded as they are read. */
  private static Map<String, String> code(byte[] bytes) {
    Map<String, String> code = new LinkedHashMap<>();
    long inflatedCap = 2L * bytes.length + (64L << 20);
    long inflated = 0;
    long codeBytes = 0;
    int entries = 0;
    byte[] buffer = new byte[1 << 16];
    ZipFile zip;
    try {
      zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get();
    } catch (IOException e) {
      return code; // not a zip archive at all: PyTorch's loader names it
    }
    try (zip) {
      for (ZipArchiveEntry entry : java.util.Collections.list(zip.getEntries())) {
        if (++entries > MAX_ENTRIES) throw new IllegalArgumentException("an archive of more than " + MAX_ENTRIES + " entries");
        String name = entry.getName();
        boolean isCode = (name.contains("/code/") || name.startsWith("code/")) && name.endsWith(".py");
        List<byte[]> parts = new ArrayList<>();
        try (InputStream in = zip.getInputStream(entry)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            inflated += n;
            if (inflated > inflatedCap) {
              throw new IllegalArgumentException("an archive that inflates to more than " + inflatedCap + " bytes (" + name
                  + "); torch.jit.save stores its records uncompressed, so a module inflates to about its own size");
            }
            if (isCode) {
              codeBytes += n;
              if (codeBytes > MAX_CODE_BYTES) throw new IllegalArgumentException("a module with more than 16 MiB of code");
              parts.add(java.util.Arrays.copyOf(buffer, n));
            }
          }
        }
        if (isCode) code.put(name.substring(name.indexOf("code/")), join(parts));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException refused) throw refused;
      throw new IllegalArgumentException("an archive that cannot be read (" + e.getMessage() + "); save the model with "
          + "torch.jit.script(model).save(path)");
    }
    return code;
  }

  private static String join(List<byte[]> parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toString(StandardCharsets.UTF_8);
  }
}
