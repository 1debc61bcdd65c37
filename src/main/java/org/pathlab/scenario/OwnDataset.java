package org.pathlab.scenario;

import org.pathlab.wire.PathlabSerializable;

/**
 * A researcher's own dataset, found under the data roots when the scenario was accepted: a folder
 * of images ({@code image-folder}) or one {@code npz} file. {@code path} is as the scenario wrote
 * it; {@code sha256} its content then (every image file's path and bytes, or the npz file's bytes),
 * checked again where it is decoded. The images are {@code channels}×{@code height}×{@code width}
 * as the model gets them ({@code resize}: an image folder's images are resized to that size);
 * {@code classes} labels 0…K−1; {@code trainCount} and {@code testCount} the two splits' sizes (for
 * a folder without train/ and test/, after {@code testFraction} of each class was held out).
 */
public record OwnDataset(String format, String path, String sha256, int channels, int height, int width, boolean resize,
    double testFraction, int classes, int trainCount, int testCount) implements PathlabSerializable {

  public static final String IMAGE_FOLDER = "image-folder";
  public static final String NPZ = "npz";
  public static final java.util.List<String> FORMATS = java.util.List.of(IMAGE_FOLDER, NPZ);

  /** What prefix keys hold: the content and how it is read, not where it lies (a moved folder still reuses its prefixes). */
  public String keyText() {
    return "OwnDataset[format=" + format + ", sha256=" + sha256 + ", shape=" + channels + "x" + height + "x" + width
        + ", resize=" + resize + ", testFraction=" + testFraction + ", classes=" + classes + "]";
  }

  /** {@code image-folder faces/ (sha256 1a2b3c4d5e6f…, 3×64×64, 7 classes)}. */
  public String describe() {
    return format + " " + path + " (sha256 " + sha256.substring(0, 12) + "…, " + channels + "×" + height + "×" + width + ", "
        + classes + " classes)";
  }
}
