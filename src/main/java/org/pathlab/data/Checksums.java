package org.pathlab.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checksums the official dataset files are verified against; the only copy in Java.
 * ops/datasets holds the same values for the shell (CatalogTest keeps the two equal).
 *
 * <p>Fashion-MNIST's are SHA-256 of each file's uncompressed content, so that the official .gz
 * files, Debian's re-compressed ones and raw copies all verify. MNIST's are the MD5 sums
 * torchvision publishes for the official .gz downloads and, for raw or re-compressed copies, the
 * MD5 of the uncompressed content as widely published beside them (the same four sums in many
 * projects' download code); the others are the MD5 sums of the official downloads.
 */
public final class Checksums {

  /** SHA-256 of the uncompressed content of each Fashion-MNIST file, by base name (no .gz). */
  public static final Map<String, String> FASHION_MNIST_CONTENT_SHA256 =
      Map.of(
          IdxFiles.TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
          IdxFiles.TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          IdxFiles.TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
          IdxFiles.TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  /** MD5 of each official MNIST .gz file (PyTorch's mirror of LeCun's), by file name. */
  public static final Map<String, String> MNIST_GZ_MD5 =
      Map.of(
          IdxFiles.TRAIN_IMAGES + ".gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
          IdxFiles.TRAIN_LABELS + ".gz", "d53e105ee54ea40749a09fcbcd1e9432",
          IdxFiles.TEST_IMAGES + ".gz", "9fb629c4189551a2d022fa330f9573f3",
          IdxFiles.TEST_LABELS + ".gz", "ec29112dd5afa0611ce80d1b7f02629c");

  /** MD5 of the uncompressed content of each official MNIST file, by base name (no .gz). */
  public static final Map<String, String> MNIST_CONTENT_MD5 =
      Map.of(
          IdxFiles.TRAIN_IMAGES, "6bbc9ace898e44ae57da46a324031adb",
          IdxFiles.TRAIN_LABELS, "a25bea736e30d166cdddb491f175f624",
          IdxFiles.TEST_IMAGES, "2646ac647ad5339dbf082846283269ea",
          IdxFiles.TEST_LABELS, "27ae3e4e09519cfbb04c329615203637");

  /** MD5 of the official archive of CIFAR-10's binary version. */
  public static final String CIFAR_10_ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

  /** MD5 of each official SVHN cropped-digits file, by file name. */
  public static final Map<String, String> SVHN_MD5 =
      Map.of(
          Svhn.TRAIN_FILE, "e26dedcc434d2e4c54c9b2d4a06d8373",
          Svhn.TEST_FILE, "eb5a983be6a315427106f1b164d9cef3");

  private Checksums() {}

  /** Every checksum above keyed {@code dataset/file}, as ops/datasets names them. */
  public static Map<String, String> all() {
    Map<String, String> all = new LinkedHashMap<>();
    FASHION_MNIST_CONTENT_SHA256.forEach(
        (f, sum) -> all.put(Datasets.FASHION_MNIST + "/" + f, sum));
    MNIST_GZ_MD5.forEach((f, sum) -> all.put(Datasets.MNIST + "/" + f, sum));
    MNIST_CONTENT_MD5.forEach((f, sum) -> all.put(Datasets.MNIST + "/" + f, sum));
    all.put(Datasets.CIFAR_10 + "/" + Cifar10.ARCHIVE, CIFAR_10_ARCHIVE_MD5);
    SVHN_MD5.forEach((f, sum) -> all.put(Datasets.SVHN + "/" + f, sum));
    return all;
  }
}
