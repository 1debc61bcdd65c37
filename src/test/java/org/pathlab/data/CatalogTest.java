package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathlab.data.DatasetFiles.PATTERN;
import static org.pathlab.data.DatasetFiles.cifarBatch;
import static org.pathlab.data.DatasetFiles.gzip;
import static org.pathlab.data.DatasetFiles.idxImages;
import static org.pathlab.data.DatasetFiles.idxLabels;
import static org.pathlab.data.DatasetFiles.tarGz;
import static org.pathlab.data.DatasetFiles.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.data.Catalog.Check;
import org.pathlab.data.Catalog.Entry;

/** The dataset report: found where the daemon would look, checked against the published sums. */
class CatalogTest {

  private static final Path SYSTEM_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path tmp;

  @Test
  void theMachinesFashionMnistVerifies() {
    Entry e = entry(Catalog.scan(List.of(tmp)), Datasets.FASHION_MNIST);
    assertEquals(Check.VERIFIED, e.check(), e.detail());
    assertEquals(SYSTEM_FASHION, e.location());
    assertTrue(e.detail().contains("SHA-256"), e.detail());
  }

  @Test
  void oneFlippedByteInTheContentIsAMismatchNamingTheFile() throws Exception {
    Path copy = tmp.resolve("fashion-mnist");
    Files.createDirectories(copy);
    for (String base : IdxFiles.FILE_NAMES) {
      Files.copy(DatasetLocator.file(SYSTEM_FASHION, base), copy.resolve(base + ".gz"));
    }
    // the last byte: a digest that stopped short of the end would not see it
    Path train = copy.resolve(IdxFiles.TRAIN_IMAGES + ".gz");
    byte[] content = gunzip(train);
    content[content.length - 1] ^= 0x01;
    Files.write(train, gzip(content));
    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    String expected = Checksums.FASHION_MNIST_CONTENT_SHA256.get(IdxFiles.TRAIN_IMAGES);

    Entry e = entry(Catalog.scan(List.of(tmp), tmp.resolve("system")), Datasets.FASHION_MNIST);
    assertEquals(Check.MISMATCH, e.check(), e.detail());
    assertEquals(copy, e.location());
    assertMentions(e.detail(), train.toString(), "SHA-256 of its content is " + actual,
        "expected " + expected, "delete it and run `ops/datasets fashion-mnist`");
    for (String other :
        List.of(IdxFiles.TRAIN_LABELS, IdxFiles.TEST_IMAGES, IdxFiles.TEST_LABELS)) {
      assertFalse(e.detail().contains(other), "only the changed file is named: " + e.detail());
    }
  }

  @Test
  void rawFashionMnistFilesVerifyByTheirContent() throws IOException {
    Path raw = tmp.resolve("fashion-mnist");
    for (String base : IdxFiles.FILE_NAMES) {
      write(raw.resolve(base), gunzip(DatasetLocator.file(SYSTEM_FASHION, base)));
    }
    Entry e = entry(Catalog.scan(List.of(tmp), tmp.resolve("system")), Datasets.FASHION_MNIST);
    assertEquals(Check.VERIFIED, e.check(), e.detail());
    assertEquals(raw, e.location());
  }

  @Test
  void aDamagedGzipFileIsAMismatch() throws IOException {
    Path copy = tmp.resolve("fashion-mnist");
    for (String base : IdxFiles.FILE_NAMES) {
      write(copy.resolve(base + ".gz"), gzip(new byte[] {1, 2, 3}));
    }
    Path labels = copy.resolve(IdxFiles.TEST_LABELS + ".gz");
    byte[] whole = Files.readAllBytes(labels);
    Files.write(labels, Arrays.copyOf(whole, whole.length - 12));
    Entry e = entry(Catalog.scan(List.of(tmp), tmp.resolve("system")), Datasets.FASHION_MNIST);
    assertEquals(Check.MISMATCH, e.check(), e.detail());
    assertMentions(
        e.detail(), labels + ": damaged", "delete them and run `ops/datasets fashion-mnist`");
  }

  @Test
  void missingDatasetsAreMissingWithHowToGetThem() {
    List<Entry> entries = Catalog.scan(List.of(tmp), tmp.resolve("system"));
    assertEquals(Datasets.NAMES, entries.stream().map(Entry::name).toList());
    for (Entry e : entries) {
      assertEquals(Check.MISSING, e.check(), e.name() + ": " + e.detail());
      assertNull(e.location());
      assertMentions(e.detail(), "not found", tmp.resolve(e.name()).toString(),
          tmp.resolve("system").resolve(e.name()).toString());
      assertMentions(e.howToGet(), "`ops/datasets " + e.name() + "`");
    }
    assertMentions(entry(entries, Datasets.FASHION_MNIST).howToGet(),
        "apt-get install dataset-fashion-mnist");
    assertFalse(entry(entries, Datasets.MNIST).howToGet().contains("apt-get"));
  }

  @Test
  void rawMnistFilesAreCheckedByTheMd5OfTheirContent() throws Exception {
    Path dir = tmp.resolve("mnist");
    writeMnist(dir, "");
    Entry e = entry(Catalog.scan(List.of(tmp), tmp.resolve("system")), Datasets.MNIST);
    assertEquals(Check.MISMATCH, e.check(), e.detail());
    assertEquals(dir, e.location());
    for (String base : IdxFiles.FILE_NAMES) {
      Path file = dir.resolve(base);
      assertMentions(e.detail(), file + ": MD5 of its content is " + md5(file), "expected " + Checksums.MNIST_CONTENT_MD5.get(base));
    }
  }

  @Test
  void fashionMnistFilesPassedOffAsMnistAreAMismatch() throws IOException {
    Path dir = tmp.resolve("mnist");
    writeMnist(dir, "");
    Path labels = dir.resolve(IdxFiles.TEST_LABELS);
    Files.write(labels, gunzip(DatasetLocator.file(SYSTEM_FASHION, IdxFiles.TEST_LABELS)));
    Entry e = entry(Catalog.scan(List.of(tmp), tmp.resolve("system")), Datasets.MNIST);
    assertEquals(Check.MISMATCH, e.check(), e.detail());
    assertMentions(e.detail(), labels + ": is Fashion-MNIST's t10k-labels-idx1-ubyte",
        "run `ops/datasets mnist`");
  }

  @Test
  void mnistGzFilesThatAreNotTheDownloadsAreCheckedByTheirContent() throws Exception {
    Path dir = tmp.resolve("mnist");
    writeMnist(dir, ".gz");
    Entry e = entry(Catalog.scan(List.of(tmp), tmp.resolve("system")), Datasets.MNIST);
    assertEquals(Check.MISMATCH, e.check(), e.detail());
    for (String base : IdxFiles.FILE_NAMES) {
      Path file = dir.resolve(base + ".gz");
      assertMentions(e.detail(), file + ": MD5 of its content is " + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(gunzip(file))),
          "expected " + Checksums.MNIST_CONTENT_MD5.get(base));
    }
    assertMentions(e.detail(), "delete them and run `ops/datasets mnist`");
  }

  @Test
  void cifarArchiveIsCheckedAndExtractedBatchesAreUnverified() throws Exception {
    Map<String, byte[]> members = new LinkedHashMap<>();
    for (String name : Cifar10.FILE_NAMES) {
      members.put(Cifar10.FOLDER + "/" + name, cifarBatch(0, new int[] {3, 1}, PATTERN));
    }
    Path archive = write(tmp.resolve("a/cifar-10").resolve(Cifar10.ARCHIVE), tarGz(members));
    Entry e =
        entry(Catalog.scan(List.of(tmp.resolve("a")), tmp.resolve("system")), Datasets.CIFAR_10);
    assertEquals(Check.MISMATCH, e.check(), e.detail());
    assertMentions(e.detail(), archive + ": MD5 is " + md5(archive),
        "expected " + Checksums.CIFAR_10_ARCHIVE_MD5, "delete it and run `ops/datasets cifar-10`");

    Path extracted = tmp.resolve("b/cifar-10").resolve(Cifar10.FOLDER);
    for (String name : Cifar10.FILE_NAMES) {
      write(extracted.resolve(name), cifarBatch(0, new int[] {3, 1}, PATTERN));
    }
    e = entry(Catalog.scan(List.of(tmp.resolve("b")), tmp.resolve("system")), Datasets.CIFAR_10);
    assertEquals(Check.UNVERIFIED, e.check(), e.detail());
    assertEquals("extracted batch files: the published checksum is for cifar-10-binary.tar.gz",
        e.detail());
    assertMentions(e.howToGet(), "delete the extracted batch files in " + extracted,
        "`ops/datasets cifar-10`");
  }

  @Test
  void svhnFilesAreCheckedAgainstThePublishedMd5() throws Exception {
    Path dir = tmp.resolve("svhn");
    write(dir.resolve(Svhn.TRAIN_FILE), "not the official file".getBytes());
    write(dir.resolve(Svhn.TEST_FILE), "nor this".getBytes());
    Entry e = entry(Catalog.scan(List.of(tmp), tmp.resolve("system")), Datasets.SVHN);
    assertEquals(Check.MISMATCH, e.check(), e.detail());
    for (String name : Svhn.FILE_NAMES) {
      assertMentions(e.detail(), dir.resolve(name) + ": MD5 is " + md5(dir.resolve(name)),
          "expected " + Checksums.SVHN_MD5.get(name));
    }
    assertMentions(e.detail(), "delete them and run `ops/datasets svhn`");
  }

  @Test
  void checksumsCoverExactlyTheFilesTheReadersTake() {
    assertEquals(Set.copyOf(IdxFiles.FILE_NAMES), Checksums.FASHION_MNIST_CONTENT_SHA256.keySet());
    assertEquals(Set.copyOf(IdxFiles.FILE_NAMES.stream().map(f -> f + ".gz").toList()),
        Checksums.MNIST_GZ_MD5.keySet());
    assertEquals(Set.copyOf(Svhn.FILE_NAMES), Checksums.SVHN_MD5.keySet());
  }

  /** ops/datasets (the shell's copy) and {@link Checksums} (Java's) must hold the same sums. */
  @Test
  void checksumsAreTheSameAsInOpsDatasets() throws IOException {
    String script = Files.readString(Path.of("ops/datasets"));
    Pattern sha = Pattern.compile("\\[([\\w-]+/[\\w.-]+)]=([0-9a-f]{64}|[0-9a-f]{32})\\b");
    Pattern dir = Pattern.compile("local dir=\"\\$data/([\\w-]+)\"");
    Pattern fetched =
        Pattern.compile("fetch_checked\\s+\"[^\"]+\"\\s+\"\\$dir/([^\"]+)\"\\s+([0-9a-f]{32})");
    Map<String, String> sums = new LinkedHashMap<>();
    String dataset = null;
    for (String line : script.split("\n")) {
      Matcher m = sha.matcher(line);
      if (m.find()) {
        sums.put(m.group(1), m.group(2));
      }
      m = dir.matcher(line);
      if (m.find()) {
        dataset = m.group(1);
      }
      m = fetched.matcher(line);
      if (m.find()) {
        sums.put(dataset + "/" + m.group(1), m.group(2));
      }
    }
    assertEquals(Checksums.all(), sums);
    // and no sum in the script escaped the patterns above
    Matcher hex = Pattern.compile("\\b([0-9a-f]{32}|[0-9a-f]{64})\\b").matcher(script);
    int count = 0;
    while (hex.find()) {
      count++;
    }
    assertEquals(sums.size(), count, "checksums in ops/datasets");
  }

  private static Entry entry(List<Entry> entries, String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private static void writeMnist(Path dir, String suffix) throws IOException {
    byte[][] content = {
      idxImages(3, 28, 28, PATTERN),
      idxLabels(1, 2, 3),
      idxImages(2, 28, 28, PATTERN),
      idxLabels(4, 5)
    };
    for (int i = 0; i < 4; i++) {
      byte[] bytes = suffix.isEmpty() ? content[i] : gzip(content[i]);
      write(dir.resolve(IdxFiles.FILE_NAMES.get(i) + suffix), bytes);
    }
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private static String md5(Path file) throws Exception {
    byte[] digest = MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file));
    return HexFormat.of().formatHex(digest);
  }

  private static void assertMentions(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), "lacks '" + part + "': " + text);
    }
  }
}
