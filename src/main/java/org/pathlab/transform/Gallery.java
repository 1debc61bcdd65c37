package org.pathlab.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Renders what a transform does at each level: one PNG per transform, a row per image and a
 * column per level, made by the same tensor ops training uses (for docs/transforms.md).
 */
public final class Gallery {

  private static final int GAP = 2;

  private Gallery() {}

  /**
   * {@code pixels}: images N×C×H×W in [0,1]; writes {@code <transform>.png} into {@code dir} and
   * returns its path. Shift offsets come from {@code seed}.
   */
  public static Path render(NDManager manager, float[] pixels, Shape shape, String transform, double[] levels,
      TransformSettings settings, int scale, long seed, Path dir) throws IOException {
    int n = (int) shape.get(0);
    int c = (int) shape.get(1);
    int h = (int) shape.get(2);
    int w = (int) shape.get(3);
    int cell = w * scale + GAP;
    BufferedImage image = new BufferedImage(levels.length * cell + GAP, n * (h * scale + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new java.awt.Color(0x6080a0)); // gaps in blue-gray, so a black image border stays visible
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.dispose();
    for (int col = 0; col < levels.length; col++) {
      double level = levels[col];
      float[] out;
      try (NDManager m = manager.newSubManager()) {
        NDArray x = m.create(pixels, shape);
        out = Transforms.apply(x, t -> t.equals(transform) ? level : 0, settings, new SplittableRandom(seed)).toFloatArray();
      }
      for (int i = 0; i < n; i++) {
        for (int y = 0; y < h * scale; y++) {
          for (int xx = 0; xx < w * scale; xx++) {
            int[] rgb = new int[3];
            for (int ch = 0; ch < 3; ch++) {
              int src = ((i * c + Math.min(ch, c - 1)) * h + y / scale) * w + xx / scale;
              rgb[ch] = Math.max(0, Math.min(255, Math.round(out[src] * 255)));
            }
            image.setRGB(GAP + col * cell + xx, GAP + i * (h * scale + GAP) + y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
          }
        }
      }
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(transform + ".png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
