package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pathlab.data.DatasetException;
import org.pathlab.data.Datasets;
import org.pathlab.data.ImageFolder;
import org.pathlab.data.ImageLimits;
import org.pathlab.data.NpzImages;
import org.pathlab.data.RootedFiles;

/**
 * {@code dataset { format = image-folder | npz, path = …, … }}: a dataset of the researcher's own,
 * found under the data roots, listed (not decoded: the daemon decodes it once more before
 * accepting the scenario) and hashed. For an image folder, {@code channels} (default 3) and {@code
 * size} ({@code S} or {@code [H, W]}; default the images' own) say what the images are decoded to;
 * for an npz file they reshape as for the built-in datasets (repeat one channel over 3, pad).
 */
final class OwnDatasets {

  static final String ROOTS_SETTING = "pathlab.data-roots";

  private final ConfigReader r;
  private final SetupSections setup;

  OwnDatasets(ConfigReader r, SetupSections setup) {
    this.r = r;
    this.setup = setup;
  }

  DatasetSpec read(Config d, Roots roots) {
    if (d.hasPath("name")) {
      r.problem(d.getValue("name"), "dataset.name", "is set beside dataset.format; give one: a built-in dataset's name, or your own "
          + "data's format and path");
    }
    String format = r.choice(d, "format", "dataset.format", null, OwnDataset.FORMATS);
    String path = d.hasPath("path") ? r.string(d, "path", "dataset.path") : null;
    if (!d.hasPath("path")) {
      r.problem(d.origin().lineNumber(), "dataset.path", "missing; name the " + (OwnDataset.NPZ.equals(format) ? "npz file" : "folder")
          + " relative to one of the data roots (" + ROOTS_SETTING + ")");
    }
    double testFraction = r.real(d, "test-fraction", "dataset.test-fraction", 0, v -> v > 0 && v < 1,
        "use the share of each class held out for testing, a number between 0 and 1 such as 0.2");
    String what = "use a count ≥ 0 (0 means all)";
    int trainSize = r.integer(d, "train-size", "dataset.train-size", 0, 0, Integer.MAX_VALUE, what);
    int validationSize = r.integer(d, "validation-size", "dataset.validation-size", 5000, 1, Integer.MAX_VALUE,
        "use a count ≥ 1: early stopping needs a validation set");
    int testSize = r.integer(d, "test-size", "dataset.test-size", 0, 0, Integer.MAX_VALUE, what);
    long splitSeed = d.hasPath("split-seed") ? SetupSections.orZero(r.wholeNumber(d.getValue("split-seed"), "dataset.split-seed")) : 0;
    boolean folder = OwnDataset.IMAGE_FOLDER.equals(format);
    int channels = r.integer(d, "channels", "dataset.channels", folder ? 3 : 0, 1, 3,
        folder ? "use 1 (grey) or 3 (RGB): what the images are decoded to" : "use 1 or 3: the arrays' own channels, or 1 repeated over 3");
    int[] size = folder ? folderSize(d) : new int[] {r.integer(d, "size", "dataset.size", 0, 1, 4096,
        "use a side in pixels at least the images' own: they are padded, centred, with zeros")};
    if (format == null || path == null || !roots.lookUp() || size == null) {
      return new DatasetSpec(format, trainSize, validationSize, testSize, splitSeed, 0, 0, null);
    }
    OwnDataset own;
    try {
      Path found = RootedFiles.resolve(path, roots.data(), ROOTS_SETTING);
      own = folder ? folder(found, path, channels, size, testFraction, splitSeed) : npz(found, path, testFraction);
    } catch (IllegalArgumentException | DatasetException e) {
      r.problem(d.getValue("path"), "dataset.path", e.getMessage());
      return new DatasetSpec(format, trainSize, validationSize, testSize, splitSeed, 0, 0, null);
    } catch (IOException e) {
      r.problem(d.getValue("path"), "dataset.path", path + " cannot be read (" + e.getMessage() + ")");
      return new DatasetSpec(format, trainSize, validationSize, testSize, splitSeed, 0, 0, null);
    }
    DatasetSpec spec = new DatasetSpec(format, trainSize, validationSize, testSize, splitSeed, folder ? 0 : channels, folder ? 0 : size[0], own);
    Datasets.Info info = new Datasets.Info(path, own.channels(), own.height(), own.trainCount(), own.testCount());
    setup.fits(d, spec, info);
    if (folder) return spec;
    if (spec.size() != 0 && own.height() != own.width()) {
      r.problem(d.getValue("size"), "dataset.size", "pads square images; " + path + " holds " + own.height() + "×" + own.width()
          + " images: remove size");
      return spec;
    }
    return setup.shape(d, spec, info);
  }

  /** {@code size = S} or {@code [H, W]}: {S, S} or {H, W}; {0, 0} when absent; null when invalid. */
  private int[] folderSize(Config d) {
    if (!d.hasPath("size")) return new int[] {0, 0};
    ConfigValue v = d.getValue("size");
    String example = "size = 64 or size = [64, 48] (height, width): every image is resized to it";
    if (v.valueType() == ConfigValueType.NUMBER) {
      int s = r.integer(d, "size", "dataset.size", -1, 1, 4096, example);
      return s < 0 ? null : new int[] {s, s};
    }
    List<ConfigValue> list = r.list(d, "size", "dataset.size", "[64, 48]");
    if (list == null) return null;
    if (list.size() != 2) {
      r.problem(v, "dataset.size", "lists " + list.size() + " values; " + example);
      return null;
    }
    int[] hw = new int[2];
    for (int i = 0; i < 2; i++) {
      Long x = r.wholeNumber(list.get(i), "dataset.size");
      if (x == null || x < 1 || x > 4096) {
        if (x != null) r.problem(list.get(i), "dataset.size", "is " + x + "; each side must be from 1 to 4096 pixels");
        return null;
      }
      hw[i] = x.intValue();
    }
    return hw;
  }

  private static OwnDataset folder(Path dir, String path, int channels, int[] size, double testFraction, long splitSeed) {
    if (!Files.isDirectory(dir)) throw new DatasetException(path + " is a file; an image-folder dataset is a folder of class folders");
    ImageFolder.Layout layout = ImageFolder.scan(dir, testFraction, splitSeed);
    int[] hw = size[0] != 0 ? size : ImageFolder.firstSize(layout);
    ImageLimits.checkVolume(path, (long) layout.trainFiles().size() + layout.testFiles().size(), channels, hw[0], hw[1]);
    return new OwnDataset(OwnDataset.IMAGE_FOLDER, path, ImageFolder.digest(dir, layout), channels, hw[0], hw[1], size[0] != 0,
        layout.presplit() ? 0 : testFraction, layout.classes().size(), layout.trainFiles().size(), layout.testFiles().size());
  }

  private static OwnDataset npz(Path file, String path, double testFraction) throws IOException {
    if (!Files.isRegularFile(file)) throw new DatasetException(path + " is a folder; an npz dataset is one .npz file");
    if (testFraction != 0) throw new DatasetException("test-fraction applies to image folders; an npz file holds x_test and y_test");
    NpzImages.Summary s = NpzImages.summary(file);
    return new OwnDataset(OwnDataset.NPZ, path, RootedFiles.sha256(file), s.channels(), s.height(), s.width(), false, 0, s.classes(),
        s.trainCount(), s.testCount());
  }
}
