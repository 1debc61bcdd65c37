package org.pathlab.testing;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.pathlab.data.Datasets;
import org.pathlab.data.RawImages;

/** Real Fashion-MNIST images written as folders of grey PNG files, one folder per class (the image-folder convention). */
public final class FashionFolders {

  public static final String[] CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"};
  private static RawImages[] fashion;

  private FashionFolders() {}

  /** Fashion-MNIST {train, test}, read once. */
  public static synchronized RawImages[] fashion() {
    if (fashion == null) fashion = Datasets.load(Datasets.FASHION_MNIST, List.of());
    return fashion;
  }

  /** Writes the first {@code perClass} images of each class of {@code from} into {@code dir/CLASS/NNNNN.png} (NNNNN: the index in {@code from}). */
  public static void write(RawImages from, Path dir, int perClass) throws Exception {
    int[] written = new int[CLASSES.length];
    for (int i = 0; i < from.count() && Arrays.stream(written).sum() < CLASSES.length * perClass; i++) {
      int label = from.labels()[i];
      if (written[label] == perClass) continue;
      BufferedImage image = new BufferedImage(from.width(), from.height(), BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setDataElements(0, 0, from.width(), from.height(),
          Arrays.copyOfRange(from.pixels(), i * from.imageSize(), (i + 1) * from.imageSize()));
      Path file = Files.createDirectories(dir.resolve(CLASSES[label])).resolve(String.format("%05d.png", i));
      ImageIO.write(image, "png", file.toFile());
      written[label]++;
    }
  }

  /** Writes Fashion-MNIST as DIR/train/CLASS/*.png and DIR/test/CLASS/*.png; returns DIR. */
  public static Path writeSplit(Path dir, int trainPerClass, int testPerClass) throws Exception {
    write(fashion()[0], dir.resolve("train"), trainPerClass);
    write(fashion()[1], dir.resolve("test"), testPerClass);
    return dir;
  }
}
