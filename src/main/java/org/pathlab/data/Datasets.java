package org.pathlab.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The image classification datasets pathlab knows, each with 10 classes: their geometry and
 * official sizes, and loading them by name from the configured data roots.
 */
public final class Datasets {

  public static final String MNIST = "mnist";
  public static final String FASHION_MNIST = "fashion-mnist";
  public static final String CIFAR_10 = "cifar-10";
  public static final String SVHN = "svhn";

  public static final List<String> NAMES = List.of(MNIST, FASHION_MNIST, CIFAR_10, SVHN);

  /**
   * A dataset's images are {@code channels}×{@code size}×{@code size}; {@code trainCount} and
   * {@code testCount} are the sizes of its official training and test sets.
   */
  public record Info(String name, int channels, int size, int trainCount, int testCount) {}

  private static final Map<String, Info> INFO =
      Map.of(
          MNIST, new Info(MNIST, 1, 28, 60_000, 10_000),
          FASHION_MNIST, new Info(FASHION_MNIST, 1, 28, 60_000, 10_000),
          CIFAR_10, new Info(CIFAR_10, 3, 32, 50_000, 10_000),
          SVHN, new Info(SVHN, 3, 32, 73_257, 26_032));

  private Datasets() {}

  /** Throws {@link DatasetException} listing the known names if {@code name} is not one. */
  public static Info info(String name) {
    Info info = INFO.get(name);
    if (info == null) {
      throw unknown(name);
    }
    return info;
  }

  /**
   * Returns {train, test} of dataset {@code name}, found under {@code roots} as {@link
   * DatasetLocator#locate} describes. Pixels are uint8 N×C×H×W, labels 0–9.
   */
  public static RawImages[] load(String name, List<Path> roots) {
    Info info = info(name);
    return read(info, DatasetLocator.locate(name, roots));
  }

  /** Returns {train, test} of dataset {@code name} from {@code dir}, a directory it is located in. */
  public static RawImages[] read(String name, Path dir) {
    return read(info(name), dir);
  }

  private static RawImages[] read(Info info, Path dir) {
    RawImages[] both =
        switch (info.name()) {
          case MNIST, FASHION_MNIST -> IdxFiles.readSet(dir, info.name());
          case CIFAR_10 -> Cifar10.read(dir);
          case SVHN -> Svhn.read(dir);
          default -> throw new IllegalStateException("no reader for " + info.name());
        };
    String[] splits = {"training", "test"};
    for (int i = 0; i < 2; i++) {
      RawImages r = both[i];
      if (r.channels() != info.channels()
          || r.height() != info.size()
          || r.width() != info.size()) {
        throw new DatasetException(
            dir + ": the " + splits[i] + " images of " + info.name() + " read there are "
                + r.channels() + "×" + r.height() + "×" + r.width() + " where " + info.name()
                + " has " + info.channels() + "×" + info.size() + "×" + info.size() + "; the files"
                + " are from another dataset, replace them with the official ones (run"
                + " `ops/datasets " + info.name() + "`)");
      }
    }
    return both;
  }

  static DatasetException unknown(String name) {
    return new DatasetException(
        "unknown dataset '" + name + "'; use one of the known datasets: "
            + String.join(", ", NAMES));
  }
}
