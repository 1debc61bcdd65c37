package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.testing.FashionFolders;

/** Folders of real Fashion-MNIST images written as PNG files, read back exactly; bad folders named. */
class ImageFolderTest {

  private static final String[] CLASSES = FashionFolders.CLASSES;
  private static RawImages[] fashion;

  @BeforeAll
  static void load() {
    fashion = FashionFolders.fashion();
  }

  private static void write(RawImages from, Path dir, int perClass) throws Exception {
    FashionFolders.write(from, dir, perClass);
  }

  private static void writeSplit(Path dir, int trainPerClass, int testPerClass) throws Exception {
    FashionFolders.writeSplit(dir, trainPerClass, testPerClass);
  }

  @Test
  void pngFilesOfRealImagesReadBackExactlyWithClassesByName(@TempDir Path dir) throws Exception {
    writeSplit(dir, 5, 2);
    ImageFolder.Layout layout = ImageFolder.scan(dir, 0, 0);
    List<String> sorted = Arrays.stream(CLASSES).sorted().toList();
    assertEquals(sorted, layout.classes(), "classes numbered in the order of their names");
    assertEquals(50, layout.trainFiles().size());
    assertEquals(20, layout.testFiles().size());
    RawImages[] read = ImageFolder.read(layout, 1, 0, 0);
    assertEquals(28, read[0].height());
    // every file's pixels are the Fashion-MNIST image it was written from
    for (int n = 0; n < read[0].count(); n++) {
      int source = Integer.parseInt(layout.trainFiles().get(n).getFileName().toString().replace(".png", ""));
      assertArrayEquals(Arrays.copyOfRange(fashion[0].pixels(), source * 784, (source + 1) * 784),
          Arrays.copyOfRange(read[0].pixels(), n * 784, (n + 1) * 784), layout.trainFiles().get(n).toString());
      assertEquals(sorted.indexOf(CLASSES[fashion[0].labels()[source]]), read[0].labels()[n]);
    }
    RawImages rgb = ImageFolder.read(layout, 3, 0, 0)[0];
    assertEquals(3, rgb.channels());
    assertArrayEquals(Arrays.copyOfRange(read[0].pixels(), 0, 784), Arrays.copyOfRange(rgb.pixels(), 784, 2 * 784), "grey repeated");
    RawImages big = ImageFolder.read(layout, 1, 56, 42)[0];
    assertEquals(56, big.height());
    assertEquals(42, big.width());
  }

  @Test
  void aFolderWithoutSplitsIsHeldOutByClassFromTheSeed(@TempDir Path dir) throws Exception {
    write(fashion[0], dir, 10);
    ImageFolder.Layout a = ImageFolder.scan(dir, 0.2, 0);
    assertEquals(20, a.testFiles().size(), "2 of 10 per class");
    assertEquals(80, a.trainFiles().size());
    assertEquals(a.testFiles(), ImageFolder.scan(dir, 0.2, 0).testFiles(), "a function of the seed");
    assertNotEquals(a.testFiles(), ImageFolder.scan(dir, 0.2, 1).testFiles());
    DatasetException none = assertThrows(DatasetException.class, () -> ImageFolder.scan(dir, 0, 0));
    assertTrue(none.getMessage().contains("set dataset.test-fraction"), none.getMessage());
  }

  @Test
  void theDigestCoversNamesAndBytes(@TempDir Path dir) throws Exception {
    writeSplit(dir, 2, 1);
    String before = ImageFolder.digest(dir, ImageFolder.scan(dir, 0, 0));
    assertEquals(before, ImageFolder.digest(dir, ImageFolder.scan(dir, 0, 0)));
    Path one = ImageFolder.scan(dir, 0, 0).trainFiles().get(0);
    Files.move(one, one.resolveSibling("renamed.png"));
    assertNotEquals(before, ImageFolder.digest(dir, ImageFolder.scan(dir, 0, 0)));
  }

  @Test
  void aCorruptImageAnEmptyClassAndMixedSizesAreNamed(@TempDir Path dir) throws Exception {
    writeSplit(dir, 2, 1);
    Path corrupt = dir.resolve("train/coat/broken.png");
    Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    DatasetException bad = assertThrows(DatasetException.class, () -> ImageFolder.read(ImageFolder.scan(dir, 0, 0), 1, 0, 0));
    assertTrue(bad.getMessage().startsWith(corrupt.toString()) && bad.getMessage().contains("replace or remove it"), bad.getMessage());
    Files.delete(corrupt);

    Files.createDirectories(dir.resolve("train/zebra"));
    Files.createDirectories(dir.resolve("test/zebra"));
    DatasetException empty = assertThrows(DatasetException.class, () -> ImageFolder.scan(dir, 0, 0));
    assertTrue(empty.getMessage().startsWith(dir.resolve("train/zebra").toString()) && empty.getMessage().contains("holds no PNG or JPEG"),
        empty.getMessage());
    Files.delete(dir.resolve("train/zebra"));
    Files.delete(dir.resolve("test/zebra"));

    Path wide = dir.resolve("train/bag/wide.png");
    ImageIO.write(new BufferedImage(40, 28, BufferedImage.TYPE_BYTE_GRAY), "png", wide.toFile());
    DatasetException mixed = assertThrows(DatasetException.class, () -> ImageFolder.read(ImageFolder.scan(dir, 0, 0), 1, 0, 0));
    assertTrue(mixed.getMessage().contains("is 40×28 pixels") && mixed.getMessage().contains("set dataset.size"), mixed.getMessage());
    assertEquals(28, ImageFolder.read(ImageFolder.scan(dir, 0, 0), 1, 28, 28)[0].width(), "resized when a size is set");
  }

  @Test
  void colourImagesBecomeLumaOrRgb(@TempDir Path dir) throws Exception {
    for (String c : List.of("a", "b")) {
      BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
      image.setRGB(0, 0, 0xff0000);
      image.setRGB(1, 0, 0x336699);
      ImageIO.write(image, "png", Files.createDirectories(dir.resolve("train/" + c)).resolve("x.png").toFile());
      ImageIO.write(image, "png", Files.createDirectories(dir.resolve("test/" + c)).resolve("x.png").toFile());
    }
    ImageFolder.Layout layout = ImageFolder.scan(dir, 0, 0);
    byte[] rgb = ImageFolder.read(layout, 3, 0, 0)[0].pixels();
    assertArrayEquals(new byte[] {(byte) 0xff, 0x33, 0, 0x66, 0, (byte) 0x99}, Arrays.copyOfRange(rgb, 0, 6), "planes R, G, B");
    byte[] grey = ImageFolder.read(layout, 1, 0, 0)[0].pixels();
    assertEquals((255 * 299) / 1000, grey[0] & 0xff, "ITU-R 601 luma, as PIL's convert(\"L\")");
    assertEquals((0x33 * 299 + 0x66 * 587 + 0x99 * 114) / 1000, grey[1] & 0xff);
  }
}
