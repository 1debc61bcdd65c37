package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model file is a program: its code is read before PyTorch runs it (issue R, Observed 1 and 9).
 * The hostile modules are the committed fixture, edited here as an attacker would edit its
 * {@code code/__torch__.py}; none is committed.
 */
public class TorchScriptCodeTest {

  private static final Path DIR = Path.of("src/test/resources/torchscript");
  private static final String FORWARD_LINE = "    conv1 = self.conv1\n";

  static Stream<Path> fixtures() throws Exception {
    return Files.list(DIR).filter(p -> p.toString().endsWith(".pt")).sorted();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyFixtureModulePasses(Path file) throws Exception {
    assertDoesNotThrow(() -> TorchScriptCode.check(Files.readAllBytes(file)));
  }

  /** The fixture small_cnn.pt with {@code edit} applied to the text of its code/__torch__.py. */
  public static byte[] edited(UnaryOperator<String> edit) throws Exception {
    return rewrite(Files.readAllBytes(DIR.resolve("small_cnn.pt")), edit, ZipEntry.STORED);
  }

  /** The forward pass of small_cnn.pt with {@code line} as its first statement. */
  public static byte[] withLine(String line) throws Exception {
    return edited(code -> code.replace(FORWARD_LINE, "    " + line + "\n" + FORWARD_LINE));
  }

  /** small_cnn.pt with {@code padding} appended to its code, every entry deflated: a small file that inflates to much. */
  public static byte[] deflated(String padding) throws Exception {
    return rewrite(Files.readAllBytes(DIR.resolve("small_cnn.pt")), code -> code + padding, ZipEntry.DEFLATED);
  }

  static byte[] rewrite(byte[] archive, UnaryOperator<String> edit, int method) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get();
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipArchiveEntry e : java.util.Collections.list(in.getEntries())) {
        byte[] data = in.getInputStream(e).readAllBytes();
        if (e.getName().endsWith("/code/__torch__.py")) data = edit.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setMethod(method);
        if (method == ZipEntry.STORED) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(data);
          copy.setSize(data.length);
          copy.setCompressedSize(data.length);
          copy.setCrc(crc.getValue());
        }
        zip.putNextEntry(copy);
        zip.write(data);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static String refusal(byte[] module) {
    return assertThrows(IllegalArgumentException.class, () -> TorchScriptCode.check(module)).getMessage();
  }

  @Test
  void fromFileAndEveryOtherWayOutIsRefusedNamingTheOperatorAndLine() throws Exception {
    String m = refusal(withLine("_9 = torch.copy_(torch.from_file(\"/tmp/journal\", True, 64), x)"));
    assertTrue(m.startsWith("a module whose code calls torch.from_file (code/__torch__.py, line 12), which is not among"), m);
    assertTrue(refusal(withLine("_9 = ops.aten.from_file(\"/x\", True, 8)")).contains("calls ops.aten.from_file"));
    assertTrue(refusal(withLine("print(x)")).contains("calls print ("));
    assertTrue(refusal(withLine("_9 = ops.evil.op(x)")).contains("calls ops.evil.op"));
    assertTrue(refusal(withLine("_9 = torch.classes.evil.Thing()")).contains("calls torch.classes.evil.Thing"));
    assertTrue(refusal(withLine("_9 = torch . save(x, \"/x\")")).contains("calls torch.save"));
    assertTrue(refusal(withLine("_9 = ops.prim.Print(x)")).contains("calls ops.prim.Print"));
    assertTrue(refusal(withLine("_9 = getattr(torch, \"from_file\")")).contains("calls torch as a value"));
  }

  @Test
  void operatorsInsideStringsAndFunctionsTheArchiveDefinesAreFine() throws Exception {
    assertDoesNotThrow(() -> TorchScriptCode.check(withLine("_9 = torch.format(\"torch.from_file({})\", 1)")));
    assertDoesNotThrow(() -> TorchScriptCode.check(edited(code -> code.replace(FORWARD_LINE, "    _9 = helper(x)\n" + FORWARD_LINE)
        + "def helper(x: Tensor) -> Tensor:\n  return torch.relu(x)\n")));
  }

  @Test
  void anArchiveThatInflatesFarBeyondItsSizeIsRefused() throws Exception {
    // 200 MB of spaces in the code, deflated to a few hundred kilobytes
    byte[] bomb = deflated(" ".repeat(200 << 20));
    assertTrue(bomb.length < 2 << 20, "the bomb is small: " + bomb.length);
    String m = refusal(bomb);
    assertTrue(m.startsWith("an archive that inflates to more than ") || m.equals("a module with more than 16 MiB of code"), m);
  }
}
