package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pathlab.data.DatasetFiles.PATTERN;
import static org.pathlab.data.DatasetFiles.assertMentions;
import static org.pathlab.data.DatasetFiles.at;
import static org.pathlab.data.DatasetFiles.cifarBatch;
import static org.pathlab.data.DatasetFiles.tarGz;
import static org.pathlab.data.DatasetFiles.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10's binary batches, small but in the official format, loose and in the archive. */
class Cifar10Test {

  /** Records per batch file (10000 in the official set). */
  private static final int PER_BATCH = 3;

  @TempDir Path tmp;

  @Test
  void batchFilesReadExactlyWhatWasWritten() throws IOException {
    Path dir = tmp.resolve("cifar-10");
    writeBatches(dir);
    check(Datasets.load("cifar-10", List.of(tmp)));
    check(Cifar10.read(dir));
  }

  @Test
  void extractedFolderAndArchiveReadTheSame() throws IOException {
    // a root holding the folder the archive extracts to
    Path extracted = tmp.resolve("extracted");
    writeBatches(extracted.resolve(Cifar10.FOLDER));
    check(Datasets.load("cifar-10", List.of(extracted)));

    // a root/cifar-10 holding only the official archive
    Path archived = tmp.resolve("archived");
    write(archived.resolve("cifar-10").resolve(Cifar10.ARCHIVE), archive(batches()));
    assertEquals(
        archived.resolve("cifar-10").toAbsolutePath().normalize(),
        DatasetLocator.locate("cifar-10", List.of(archived)));
    RawImages[] fromArchive = Datasets.load("cifar-10", List.of(archived));
    check(fromArchive);
    RawImages[] fromFiles = Cifar10.read(extracted);
    assertArrayEquals(fromFiles[0].pixels(), fromArchive[0].pixels());
    assertArrayEquals(fromFiles[1].labels(), fromArchive[1].labels());
  }

  @Test
  void archiveMembersMayComeInAnyOrder() throws IOException {
    Map<String, byte[]> reversed = new LinkedHashMap<>();
    List<Map.Entry<String, byte[]>> entries = List.copyOf(batches().entrySet());
    for (int i = entries.size() - 1; i >= 0; i--) {
      reversed.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    Path file = write(tmp.resolve(Cifar10.ARCHIVE), archive(reversed));
    check(Cifar10.readArchive(file));
  }

  @Test
  void missingBatchNamesIt() throws IOException {
    writeBatches(tmp);
    Path gone = tmp.resolve("data_batch_4.bin");
    Files.delete(gone);
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.readBatches(tmp));
    assertMentions(e, gone.toString(), "not found", "ops/datasets cifar-10");
    e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, tmp.toString(), "data_batch_4.bin", "ops/datasets cifar-10");
  }

  @Test
  void truncatedOrWrongSizedBatchNamesIt() throws IOException {
    writeBatches(tmp);
    Path batch = tmp.resolve("data_batch_2.bin");
    byte[] full = Files.readAllBytes(batch);
    // cut inside a record
    write(batch, Arrays.copyOf(full, full.length - 100));
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, batch.toString(), "not a whole number of 3073-byte records", "truncated");
    // cut at a record boundary: only the other batches' size gives it away
    write(batch, Arrays.copyOf(full, full.length - Cifar10.RECORD_BYTES));
    e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, "data_batch_2.bin holds 2 records", "data_batch_1.bin holds 3");
    // empty
    write(batch, new byte[0]);
    e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, batch.toString(), "0 bytes");
    // CIFAR-100 records carry two label bytes: 3074 bytes each
    write(batch, new byte[3 * 3074]);
    e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, batch.toString(), "9222 bytes", "not a CIFAR-10 binary batch");
  }

  @Test
  void labelOutOfRangeNamesFileAndRecord() throws IOException {
    writeBatches(tmp);
    Path batch = tmp.resolve("test_batch.bin");
    write(batch, cifarBatch(0, new int[] {3, 9, 10}, PATTERN));
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, batch.toString(), "label 10", "record 2", "ops/datasets cifar-10");
  }

  @Test
  void truncatedArchiveNamesIt() throws IOException {
    byte[] whole = archive(batches());
    Path file = write(tmp.resolve(Cifar10.ARCHIVE), Arrays.copyOf(whole, whole.length / 2));
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.readArchive(file));
    assertMentions(e, file.toString(), "truncated", "ops/datasets cifar-10");
    write(file, Arrays.copyOf(whole, 5));
    e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, file.toString(), "truncated");
  }

  @Test
  void archiveOfTheWrongThingNamesWhatIsMissing() throws IOException {
    Map<String, byte[]> some = batches();
    some.remove(Cifar10.FOLDER + "/test_batch.bin");
    Path file = write(tmp.resolve(Cifar10.ARCHIVE), archive(some));
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, file.toString(), "lacks [cifar-10-batches-bin/test_batch.bin]");

    write(file, "not a gzip file at all".getBytes(StandardCharsets.US_ASCII));
    e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, file.toString(), "ops/datasets cifar-10");

    // a damaged member inside an intact archive is named by archive and member
    some = batches();
    some.put(Cifar10.FOLDER + "/data_batch_5.bin", new byte[Cifar10.RECORD_BYTES + 1]);
    write(file, archive(some));
    e = assertThrows(DatasetException.class, () -> Cifar10.read(tmp));
    assertMentions(e, file.toString(), "member cifar-10-batches-bin/data_batch_5.bin", "3074 bytes");
  }

  /** Training image n is image n of the pattern; test image n is image 100 + n. */
  private static void check(RawImages[] both) {
    RawImages train = both[0];
    RawImages test = both[1];
    assertEquals(5 * PER_BATCH, train.count());
    assertEquals(PER_BATCH, test.count());
    for (RawImages r : both) {
      assertEquals(3, r.channels());
      assertEquals(32, r.height());
      assertEquals(32, r.width());
    }
    assertArrayEquals(trainLabels(), train.labels());
    assertArrayEquals(testLabels(), test.labels());
    // known positions: batch 3's second record, blue plane; the last test record, red plane
    assertEquals(PATTERN.at(7, 2, 5, 30), train.pixels()[at(train, 7, 2, 5, 30)] & 0xff);
    assertEquals(PATTERN.at(102, 0, 31, 0), test.pixels()[at(test, 2, 0, 31, 0)] & 0xff);
    for (int n = 0; n < train.count(); n++) {
      for (int c = 0; c < 3; c++) {
        for (int h = 0; h < 32; h++) {
          for (int w = 0; w < 32; w++) {
            assertEquals(PATTERN.at(n, c, h, w), train.pixels()[at(train, n, c, h, w)] & 0xff);
          }
        }
      }
    }
  }

  private static int[] trainLabels() {
    int[] labels = new int[5 * PER_BATCH];
    Arrays.setAll(labels, n -> (n * 7 + 3) % 10);
    return labels;
  }

  private static int[] testLabels() {
    return new int[] {9, 0, 4};
  }

  /** The official archive's members, batches in its folder plus the metadata files beside them. */
  private static Map<String, byte[]> batches() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    int[] labels = trainLabels();
    for (int b = 0; b < 5; b++) {
      int first = b * PER_BATCH;
      files.put(
          Cifar10.FOLDER + "/" + Cifar10.TRAIN_FILES.get(b),
          cifarBatch(first, Arrays.copyOfRange(labels, first, first + PER_BATCH), PATTERN));
      if (b == 0) {
        files.put(
            Cifar10.FOLDER + "/batches.meta.txt",
            "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n"
                .getBytes(StandardCharsets.US_ASCII));
      }
    }
    files.put(Cifar10.FOLDER + "/" + Cifar10.TEST_FILE, cifarBatch(100, testLabels(), PATTERN));
    files.put(Cifar10.FOLDER + "/readme.html", "<html></html>".getBytes(StandardCharsets.US_ASCII));
    return files;
  }

  private static byte[] archive(Map<String, byte[]> files) throws IOException {
    return tarGz(files);
  }

  private static void writeBatches(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> file : batches().entrySet()) {
      String name = file.getKey().substring(Cifar10.FOLDER.length() + 1);
      write(dir.resolve(name), file.getValue());
    }
  }
}
