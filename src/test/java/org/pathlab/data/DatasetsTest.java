package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pathlab.data.DatasetFiles.PATTERN;
import static org.pathlab.data.DatasetFiles.assertMentions;
import static org.pathlab.data.DatasetFiles.at;
import static org.pathlab.data.DatasetFiles.gzip;
import static org.pathlab.data.DatasetFiles.idxImages;
import static org.pathlab.data.DatasetFiles.idxLabels;
import static org.pathlab.data.DatasetFiles.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset names and geometry, the locator for every dataset, and MNIST in its IDX files. */
class DatasetsTest {

  private static final int[] TRAIN_LABELS = {5, 0, 4, 1, 9, 2};
  private static final int[] TEST_LABELS = {7, 2, 1};

  @TempDir Path tmp;

  @Test
  void infoIsTheOfficialGeometryAndCounts() {
    assertEquals(List.of("mnist", "fashion-mnist", "cifar-10", "svhn"), Datasets.NAMES);
    assertEquals(new Datasets.Info("mnist", 1, 28, 60_000, 10_000), Datasets.info("mnist"));
    assertEquals(
        new Datasets.Info("fashion-mnist", 1, 28, 60_000, 10_000), Datasets.info("fashion-mnist"));
    assertEquals(new Datasets.Info("cifar-10", 3, 32, 50_000, 10_000), Datasets.info("cifar-10"));
    assertEquals(new Datasets.Info("svhn", 3, 32, 73_257, 26_032), Datasets.info("svhn"));
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.info("cifar-100"));
    assertMentions(e, "cifar-100", "mnist, fashion-mnist, cifar-10, svhn");
    e = assertThrows(DatasetException.class, () -> Datasets.load("imagenet", List.of(tmp)));
    assertMentions(e, "imagenet", "svhn");
  }

  @Test
  void fashionMnistLoadsByNameFromTheMachinesInstall() {
    RawImages[] both = Datasets.load("fashion-mnist", List.of(tmp));
    assertEquals(60_000, both[0].count());
    assertEquals(10_000, both[1].count());
    assertEquals(9, both[0].labels()[0], "the first training image is an ankle boot");
    RawImages[] direct = IdxFiles.readSet(DatasetLocator.locate("fashion-mnist", List.of()), Datasets.FASHION_MNIST);
    assertArrayEquals(direct[1].pixels(), both[1].pixels());
    assertArrayEquals(direct[1].labels(), both[1].labels());
  }

  @Test
  void mnistReadsExactlyWhatWasWritten() throws IOException {
    Path dir = writeMnist(tmp.resolve("mnist"));
    RawImages[] both = Datasets.load("mnist", List.of(tmp));
    RawImages train = both[0];
    RawImages test = both[1];
    assertEquals(6, train.count());
    assertEquals(3, test.count());
    assertEquals(1, train.channels());
    assertEquals(28, train.height());
    assertEquals(28, train.width());
    assertArrayEquals(TRAIN_LABELS, train.labels());
    assertArrayEquals(TEST_LABELS, test.labels());
    // a few known (n, c, h, w) positions, then every pixel
    assertEquals(PATTERN.at(0, 0, 0, 0), train.pixels()[0] & 0xff);
    assertEquals(PATTERN.at(4, 0, 13, 27), train.pixels()[at(train, 4, 0, 13, 27)] & 0xff);
    assertEquals(PATTERN.at(2, 0, 27, 1), test.pixels()[at(test, 2, 0, 27, 1)] & 0xff);
    for (RawImages r : both) {
      for (int n = 0; n < r.count(); n++) {
        for (int h = 0; h < 28; h++) {
          for (int w = 0; w < 28; w++) {
            assertEquals(PATTERN.at(n, 0, h, w), r.pixels()[at(r, n, 0, h, w)] & 0xff);
          }
        }
      }
    }
    assertEquals(dir.toAbsolutePath().normalize(), DatasetLocator.locate("mnist", List.of(tmp)));
  }

  @Test
  void mnistBadFilesNameTheFileAndTheDataset() throws IOException {
    Path dir = writeMnist(tmp.resolve("mnist"));
    Path trainImages = dir.resolve(IdxFiles.TRAIN_IMAGES + ".gz");
    Path testLabels = dir.resolve(IdxFiles.TEST_LABELS);
    byte[] images = idxImages(6, 28, 28, PATTERN);

    // truncated
    write(trainImages, gzip(Arrays.copyOf(images, images.length - 100)));
    assertBad(dir, trainImages, "truncated");
    // wrong magic: a label file where the images belong
    write(trainImages, gzip(idxLabels(TRAIN_LABELS)));
    assertBad(dir, trainImages, "magic", "2049");
    write(trainImages, gzip(images));
    // label out of range
    write(testLabels, idxLabels(7, 10, 1));
    assertBad(dir, testLabels, "label 10", "index 1");
    // image/label count mismatch
    write(testLabels, idxLabels(7, 2));
    assertBad(dir, testLabels, "3 images", "2 labels");
    // missing file
    Files.delete(testLabels);
    DatasetException e =
        assertThrows(DatasetException.class, () -> Datasets.read("mnist", dir));
    assertMentions(e, testLabels.toString(), "not found", "ops/datasets mnist");
    e = assertThrows(DatasetException.class, () -> Datasets.load("mnist", List.of(tmp)));
    assertMentions(e, "dataset 'mnist' not found", dir.toString(), "ops/datasets mnist");
  }

  @Test
  void wrongImageSizeForTheDatasetIsRefused() throws IOException {
    Path dir = tmp.resolve("mnist");
    write(dir.resolve(IdxFiles.TRAIN_IMAGES), idxImages(2, 32, 32, PATTERN));
    write(dir.resolve(IdxFiles.TRAIN_LABELS), idxLabels(1, 2));
    write(dir.resolve(IdxFiles.TEST_IMAGES), idxImages(1, 32, 32, PATTERN));
    write(dir.resolve(IdxFiles.TEST_LABELS), idxLabels(3));
    DatasetException e =
        assertThrows(DatasetException.class, () -> Datasets.load("mnist", List.of(tmp)));
    assertMentions(e, dir.toString(), "1×32×32", "1×28×28", "ops/datasets mnist");
  }

  @Test
  void locatorErrorListsWhereItLookedForEveryDataset() {
    Path a = tmp.resolve("root-a");
    Path b = tmp.resolve("root-b");
    for (String name : Datasets.NAMES) {
      Path sys = tmp.resolve("system").resolve(name);
      DatasetException e =
          assertThrows(
              DatasetException.class,
              () -> DatasetLocator.locate(name, List.of(a, b), List.of(sys)));
      assertMentions(
          e,
          "dataset '" + name + "' not found",
          a.resolve(name) + ", " + a + ", " + b.resolve(name) + ", " + b + ", " + sys,
          "ops/datasets " + name,
          "$PATHLAB_DATA",
          name + "/");
      assertEquals(
          name.equals("fashion-mnist"),
          e.getMessage().contains("apt-get install dataset-fashion-mnist"),
          e.getMessage());
    }
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> DatasetLocator.locate("cifar-10", List.of(a)));
    assertMentions(e, "/usr/share/datasets/cifar-10", "data_batch_1.bin", "cifar-10-binary.tar.gz");
    e = assertThrows(DatasetException.class, () -> DatasetLocator.locate("svhn", List.of(a)));
    assertMentions(e, "/usr/share/datasets/svhn", "train_32x32.mat", "test_32x32.mat");
  }

  @Test
  void aRootNamedForFashionMnistIsNotTakenForMnist() throws IOException {
    // both datasets use the same four file names
    Path fashion = writeMnist(tmp.resolve("fashion-mnist"));
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> DatasetLocator.locate("mnist", List.of(fashion), List.of()));
    assertMentions(e, "skipped " + fashion + " (named for fashion-mnist)");
    assertEquals(fashion, DatasetLocator.locate("fashion-mnist", List.of(fashion), List.of()));
    assertEquals(fashion, DatasetLocator.locate("fashion-mnist", List.of(tmp), List.of()));
    Path elsewhere = writeMnist(tmp.resolve("downloads"));
    assertEquals(elsewhere, DatasetLocator.locate("mnist", List.of(elsewhere), List.of()));
  }

  private void assertBad(Path dir, Path file, String... what) {
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.read("mnist", dir));
    assertMentions(e, file.toString(), "ops/datasets mnist");
    assertMentions(e, what);
    assertFalse(e.getMessage().contains("fashion"), e.getMessage());
  }

  /** Train images gzipped, the rest raw, as a mixed download would leave them. */
  private static Path writeMnist(Path dir) throws IOException {
    write(dir.resolve(IdxFiles.TRAIN_IMAGES + ".gz"), gzip(idxImages(6, 28, 28, PATTERN)));
    write(dir.resolve(IdxFiles.TRAIN_LABELS + ".gz"), gzip(idxLabels(TRAIN_LABELS)));
    write(dir.resolve(IdxFiles.TEST_IMAGES), idxImages(3, 28, 28, PATTERN));
    write(dir.resolve(IdxFiles.TEST_LABELS), idxLabels(TEST_LABELS));
    return dir.toAbsolutePath().normalize();
  }
}
