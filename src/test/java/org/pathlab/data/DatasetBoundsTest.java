package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.testing.FashionFolders;
import org.pathlab.testing.HostileFiles;

/**
 * Issue R, Observed 4, 6, 11 and 12: no dataset file reaches an OutOfMemoryError or an arithmetic
 * overflow, and no link inside an image folder leads out of it. Each refusal names the file and
 * comes before the memory it would have taken is allocated.
 */
class DatasetBoundsTest {

  @TempDir Path dir;

  private Path folder(int perClass) throws Exception {
    Path data = dir.resolve("data");
    FashionFolders.write(FashionFolders.fashion()[0], data, perClass);
    return data;
  }

  @Test
  void aThreeGigabyteSparseFileIsRefusedBeforeItIsReadOrHashed() throws Exception {
    Path data = folder(3);
    Path bomb = data.resolve("bag").resolve("zz-huge.png");
    try (RandomAccessFile f = new RandomAccessFile(bomb.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: no disk taken, 3 GB to whoever reads it whole
    }
    String m = assertThrows(DatasetException.class, () -> ImageFolder.scan(data, 0.5, 0)).getMessage();
    assertTrue(m.startsWith(bomb + " is 3221225472 bytes; an image file may be at most 67108864 bytes"), m);
  }

  @Test
  void linksThatLeaveTheFolderAreRefusedAndLinksInsideItAreFollowed() throws Exception {
    Path data = folder(3);
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Path secret = Files.copy(Files.list(data.resolve("bag")).sorted().findFirst().orElseThrow(), outside.resolve("secret.png"));
    Path inside = Files.createSymbolicLink(data.resolve("bag").resolve("again.png"),
        Files.list(data.resolve("coat")).sorted().findFirst().orElseThrow());
    assertTrue(ImageFolder.scan(data, 0.5, 0).trainFiles().size() + ImageFolder.scan(data, 0.5, 0).testFiles().size() > 30);

    Path file = Files.createSymbolicLink(data.resolve("bag").resolve("zz-secret.png"), secret);
    String m = assertThrows(DatasetException.class, () -> ImageFolder.scan(data, 0.5, 0)).getMessage();
    assertEquals(file + " is a link that leads outside the dataset's folder; an image folder's files and class folders must lie "
        + "inside it: copy the files in, or remove the link", m);
    assertFalse(m.contains(outside.toString()), "the answer never says where a link leads");
    Files.delete(file);
    Files.delete(inside);

    Path classLink = Files.createSymbolicLink(data.resolve("zz-class"), outside);
    String c = assertThrows(DatasetException.class, () -> ImageFolder.scan(data, 0.5, 0)).getMessage();
    assertTrue(c.startsWith(classLink + " is a link that leads outside"), c);
  }

  @Test
  void aFileNameWithAnEscapeOrANewlineIsRefusedWithoutPrintingIt() throws Exception {
    Path data = folder(2);
    Path first = Files.list(data.resolve("bag")).sorted().findFirst().orElseThrow();
    Files.copy(first, data.resolve("bag").resolve("x\u001b]0;owned\u0007\nforged.png"));
    String m = assertThrows(DatasetException.class, () -> ImageFolder.scan(data, 0.5, 0)).getMessage();
    assertEquals(data.resolve("bag") + " holds a file or folder whose name has a control character (U+001B): rename it; names are"
        + " printed in reports, logs and terminals", m);
  }

  @Test
  void anImageOfFortyThousandSquaredPixelsIsRefusedFromItsHeader() throws Exception {
    Path data = folder(3);
    Path big = data.resolve("bag").resolve("000-big.png");
    Files.write(big, pngHeader(40_000, 40_000));
    String m = assertThrows(DatasetException.class, () -> ImageFolder.read(ImageFolder.scan(data, 0.5, 0), 1, 0, 0)).getMessage();
    assertTrue(m.startsWith(big + " is 40000×40000 pixels (width×height); an image may have at most 16777216 pixels"), m);
  }

  @Test
  void aDatasetThatWouldNotFitIsRefusedBeforeDecoding() {
    String m = assertThrows(DatasetException.class, () -> ImageLimits.checkVolume("d", 100_000, 3, 224, 224)).getMessage();
    assertTrue(m.startsWith("d: 100000 images of 3×224×224 would take 14355 MiB decoded; a dataset may take at most 768 MiB"), m);
    ImageLimits.checkVolume("cifar", 60_000, 3, 32, 32); // CIFAR-10 fits
  }

  @Test
  void anNpyShapeOfTwoToTheSixtyThreeIsNamedNotAnOverflow() throws Exception {
    Path npz = npz(npy("|u1", "(9223372036854775807, 28, 28)", new byte[0]), npy("<i8", "(1,)", new byte[8]));
    String m = assertThrows(DatasetException.class, () -> NpzImages.summary(npz)).getMessage();
    assertTrue(m.contains("x_train: its .npy header declares the shape (9223372036854775807, 28, 28), more elements than any file"), m);
    String r = assertThrows(DatasetException.class, () -> NpzImages.read(npz)).getMessage();
    assertTrue(r.contains("more elements than any file can hold"), r);
  }

  @Test
  void anNpzThatInflatesToGigabytesIsRefusedFromItsHeaders() throws Exception {
    // 3,000,000 images of 28 × 28 in each split: 4.7 GB inflated, declared in a few bytes; labels of 100 M int64s: 800 MB
    Path images = npz(npy("|u1", "(3000000, 28, 28)", new byte[0]), npy("<i8", "(3000000,)", new byte[0]));
    String m = assertThrows(DatasetException.class, () -> NpzImages.read(images)).getMessage();
    assertTrue(m.contains("would take 4486 MiB decoded; a dataset may take at most 768 MiB"), m);
    Path labels = npz(npy("|u1", "(10, 28, 28)", new byte[7840]), npy("<i8", "(100000000,)", new byte[0]));
    String l = assertThrows(DatasetException.class, () -> NpzImages.summary(labels)).getMessage();
    assertTrue(l.contains("y_train holds 800000000 bytes; a label array may hold at most 67108864"), l);
  }

  private static byte[] pngHeader(int width, int height) throws Exception {
    return HostileFiles.pngHeader(width, height);
  }

  private static byte[] npy(String dtype, String shape, byte[] data) {
    return HostileFiles.npy(dtype, shape, data);
  }

  private Path npz(byte[] x, byte[] y) throws Exception {
    return HostileFiles.npz(Files.createTempFile(dir, "d", ".npz"), x, y);
  }
}
