package org.pathlab.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A dataset in folders, the torchvision {@code ImageFolder} convention: one subfolder per class
 * (classes numbered in the order of their names) holding PNG or JPEG files, either under {@code
 * train/} and {@code test/}, or directly in the folder and split by a test fraction (stratified,
 * from the split seed). Other files and hidden ones are ignored; an empty class folder is refused.
 * Images are decoded to {@code channels} (1: grey by ITU-R 601 luma, as PIL's {@code convert("L")};
 * 3: RGB, grey repeated) and, where {@code height}/{@code width} are set, resized bilinearly
 * (half-pixel centres, no antialiasing); without them every image must have the first one's size.
 */
public final class ImageFolder {

  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  /** The files of each split with their labels, and the class names in label order. */
  public record Layout(List<String> classes, List<Path> trainFiles, int[] trainLabels, List<Path> testFiles, int[] testLabels,
      boolean presplit) {}

  private ImageFolder() {}

  /** Lists classes and files; {@code testFraction} splits a folder without train/ and test/ (ignored where they exist). */
  public static Layout scan(Path dir, double testFraction, long splitSeed) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new DatasetException(dir + " cannot be read (" + e.getMessage() + ")");
    }
    boolean presplit = Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"));
    if (presplit) {
      List<String> classes = classes(dir.resolve("train"), real);
      List<String> testClasses = classes(dir.resolve("test"), real);
      if (!classes.equals(testClasses)) {
        throw new DatasetException(dir + ": train/ has the classes " + classes + " and test/ " + testClasses
            + "; both must have the same class folders");
      }
      List<Path> trainFiles = new ArrayList<>();
      List<Path> testFiles = new ArrayList<>();
      List<Integer> trainLabels = new ArrayList<>();
      List<Integer> testLabels = new ArrayList<>();
      for (int k = 0; k < classes.size(); k++) {
        for (Path f : files(dir.resolve("train").resolve(classes.get(k)), real)) {
          trainFiles.add(f);
          trainLabels.add(k);
        }
        for (Path f : files(dir.resolve("test").resolve(classes.get(k)), real)) {
          testFiles.add(f);
          testLabels.add(k);
        }
      }
      return new Layout(classes, trainFiles, ints(trainLabels), testFiles, ints(testLabels), true);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new DatasetException(dir + " has no train/ and test/ folders; set dataset.test-fraction (e.g. 0.2) to hold out part "
          + "of each class for testing, or split the files into train/CLASS/ and test/CLASS/");
    }
    List<String> classes = classes(dir, real);
    List<Path> trainFiles = new ArrayList<>();
    List<Path> testFiles = new ArrayList<>();
    List<Integer> trainLabels = new ArrayList<>();
    List<Integer> testLabels = new ArrayList<>();
    for (int k = 0; k < classes.size(); k++) {
      List<Path> files = new ArrayList<>(files(dir.resolve(classes.get(k)), real));
      // a seeded Fisher-Yates shuffle of the sorted files, then the first share of each class is held out
      SplittableRandom random = new SplittableRandom(splitSeed * 1_000_003L + k);
      for (int i = files.size() - 1; i > 0; i--) java.util.Collections.swap(files, i, random.nextInt(i + 1));
      int test = (int) Math.round(files.size() * testFraction);
      for (int i = 0; i < files.size(); i++) {
        (i < test ? testFiles : trainFiles).add(files.get(i));
        (i < test ? testLabels : trainLabels).add(k);
      }
    }
    return new Layout(classes, trainFiles, ints(trainLabels), testFiles, ints(testLabels), false);
  }

  /** SHA-256 over every image file's relative path and bytes (read as streams), in order: what the prefix key and report name. */
  public static String digest(Path dir, Layout layout) {
    MessageDigest all = sha256();
    try {
      for (List<Path> files : List.of(layout.trainFiles(), layout.testFiles())) {
        for (Path f : files) {
          all.update((dir.relativize(f).toString().replace('\\', '/') + "\t").getBytes(java.nio.charset.StandardCharsets.UTF_8));
          all.update(HexFormat.of().formatHex(fileDigest(f)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          all.update((byte) '\n');
        }
      }
    } catch (IOException e) {
      throw new DatasetException(dir + ": a file cannot be read (" + e.getMessage() + ")");
    }
    return HexFormat.of().formatHex(all.digest());
  }

  /** The first image's {height, width}: the size every image must have when the scenario sets none. */
  public static int[] firstSize(Layout layout) {
    Path first = layout.trainFiles().isEmpty() ? null : layout.trainFiles().get(0);
    if (first == null) throw new DatasetException("no training images");
    BufferedImage image = decode(first);
    return new int[] {image.getHeight(), image.getWidth()};
  }

  /** {train, test} decoded to channels × height × width (0: the first image's own size). */
  public static RawImages[] read(Layout layout, int channels, int height, int width) {
    int[] size = height == 0 ? firstSize(layout) : new int[] {height, width};
    ImageLimits.checkVolume("the image folder", (long) layout.trainFiles().size() + layout.testFiles().size(), channels, size[0], size[1]);
    return new RawImages[] {
        decodeAll(layout.trainFiles(), layout.trainLabels(), channels, size[0], size[1], height != 0),
        decodeAll(layout.testFiles(), layout.testLabels(), channels, size[0], size[1], height != 0)};
  }

  private static RawImages decodeAll(List<Path> files, int[] labels, int channels, int h, int w, boolean resize) {
    byte[] pixels = new byte[Math.multiplyExact(files.size(), channels * h * w)];
    for (int i = 0; i < files.size(); i++) {
      BufferedImage image = decode(files.get(i));
      if (!resize && (image.getHeight() != h || image.getWidth() != w)) {
        throw new DatasetException(files.get(i) + " is " + image.getWidth() + "×" + image.getHeight() + " pixels (width×height) where the "
            + "first image is " + w + "×" + h + "; set dataset.size = [HEIGHT, WIDTH] to resize every image, or make them one size");
      }
      byte[] one = pixels(image, channels);
      if (image.getHeight() != h || image.getWidth() != w) one = resize(one, channels, image.getHeight(), image.getWidth(), h, w);
      System.arraycopy(one, 0, pixels, i * one.length, one.length);
    }
    return new RawImages(files.size(), channels, h, w, pixels, labels.clone());
  }

  static BufferedImage decode(Path file) {
    ImageLimits.checkDimensions(file);
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new DatasetException(file + " cannot be decoded as an image (" + e.getMessage() + "): replace or remove it");
    }
    if (image == null) {
      throw new DatasetException(file + " is not a PNG or JPEG image that can be decoded: replace or remove it");
    }
    return image;
  }

  /** C×H×W bytes: grey rasters read as stored (no colour conversion), colour ones as sRGB. */
  static byte[] pixels(BufferedImage image, int channels) {
    int h = image.getHeight();
    int w = image.getWidth();
    byte[] out = new byte[channels * h * w];
    boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(image.getColorModel() instanceof java.awt.image.IndexColorModel);
    Raster raster = image.getRaster();
    int bits = image.getColorModel().getComponentSize(0);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r, g, b;
        if (grey) {
          int v = raster.getSample(x, y, 0);
          v = bits > 8 ? v >> (bits - 8) : bits < 8 ? v * 255 / ((1 << bits) - 1) : v;
          r = g = b = v;
        } else {
          int rgb = image.getRGB(x, y);
          r = (rgb >> 16) & 0xff;
          g = (rgb >> 8) & 0xff;
          b = rgb & 0xff;
        }
        int p = y * w + x;
        if (channels == 1) {
          out[p] = (byte) (grey ? r : (r * 299 + g * 587 + b * 114) / 1000);
        } else {
          out[p] = (byte) r;
          out[h * w + p] = (byte) g;
          out[2 * h * w + p] = (byte) b;
        }
      }
    }
    return out;
  }

  /** Bilinear resize of C×H×W bytes, half-pixel centres (torch's interpolate with align_corners = False), rounded. */
  static byte[] resize(byte[] in, int c, int h, int w, int toH, int toW) {
    byte[] out = new byte[c * toH * toW];
    double sy = (double) h / toH;
    double sx = (double) w / toW;
    for (int k = 0; k < c; k++) {
      for (int y = 0; y < toH; y++) {
        double fy = Math.max(0, (y + 0.5) * sy - 0.5);
        int y0 = Math.min((int) fy, h - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double dy = fy - y0;
        for (int x = 0; x < toW; x++) {
          double fx = Math.max(0, (x + 0.5) * sx - 0.5);
          int x0 = Math.min((int) fx, w - 1);
          int x1 = Math.min(x0 + 1, w - 1);
          double dx = fx - x0;
          int base = k * h * w;
          double v = (in[base + y0 * w + x0] & 0xff) * (1 - dy) * (1 - dx) + (in[base + y0 * w + x1] & 0xff) * (1 - dy) * dx
              + (in[base + y1 * w + x0] & 0xff) * dy * (1 - dx) + (in[base + y1 * w + x1] & 0xff) * dy * dx;
          out[(k * toH + y) * toW + x] = (byte) Math.round(v);
        }
      }
    }
    return out;
  }

  private static List<String> classes(Path dir, Path real) {
    List<String> classes;
    try (Stream<Path> s = Files.list(dir)) {
      classes = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DatasetException(dir + " cannot be listed (" + e.getMessage() + ")");
    }
    for (String c : classes) ImageLimits.checkFile(dir.resolve(c), real);
    if (classes.size() < 2) {
      throw new DatasetException(dir + " holds " + classes.size() + " class folder" + (classes.size() == 1 ? "" : "s")
          + "; an image-folder dataset needs one subfolder per class, at least two");
    }
    return classes;
  }

  private static List<Path> files(Path classDir, Path real) {
    List<Path> files;
    try (Stream<Path> s = Files.list(classDir)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
          .sorted().toList();
    } catch (IOException e) {
      throw new DatasetException(classDir + " cannot be listed (" + e.getMessage() + ")");
    }
    for (Path f : files) ImageLimits.checkFile(f, real);
    if (files.isEmpty()) {
      throw new DatasetException(classDir + " holds no PNG or JPEG file: put the class's images there, or remove the folder");
    }
    return files;
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private static byte[] fileDigest(Path f) throws IOException {
    MessageDigest one = sha256();
    byte[] buffer = new byte[1 << 16];
    try (java.io.InputStream in = Files.newInputStream(f)) {
      for (int n; (n = in.read(buffer)) > 0; ) one.update(buffer, 0, n);
    }
    return one.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
