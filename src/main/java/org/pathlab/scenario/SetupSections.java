package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.pathlab.data.Datasets;
import org.pathlab.data.RootedFiles;
import org.pathlab.model.ModelKind;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.transform.BlurFilter;
import org.pathlab.transform.TransformSettings;

/**
 * The sections of a scenario that set up what every run shares: {@code dataset}, {@code model},
 * {@code transforms} and {@code detectable-gap}. Problems go to the parser's {@link ConfigReader}.
 */
final class SetupSections {

  static final List<String> DATASETS = Datasets.NAMES;
  static final List<String> MODELS = ModelKind.ids();
  private static final Set<String> DATASET =
      Set.of("name", "train-size", "validation-size", "test-size", "split-seed", "channels", "size", "format", "path", "test-fraction");
  private static final Set<String> MODEL = Set.of("name", "channels", "hidden", "torchscript", "input", "classes", "init");
  /** The classes of every built-in dataset. */
  static final int DATASET_CLASSES = 10;
  private static final Set<String> TRANSFORMS = Set.of("shift-max", "blur-filter");

  private final ConfigReader r;

  SetupSections(ConfigReader r) {
    this.r = r;
  }

  DatasetSpec dataset(Config root, Roots roots) {
    if (!root.hasPath("dataset")) {
      r.problem(root.origin().lineNumber(), "dataset", "missing; add dataset { name = fashion-mnist }");
      return null;
    }
    Config d = r.object(root, "dataset", "dataset");
    if (d == null) return null;
    r.unknownKeys(d.root(), DATASET, "dataset.");
    if (d.hasPath("format")) return new OwnDatasets(r, this).read(d, roots);
    for (String key : List.of("path", "test-fraction")) {
      if (d.hasPath(key)) {
        r.problem(d.getValue(key), "dataset." + key, "belongs to a dataset of your own; add format = image-folder or npz, or remove it");
      }
    }
    String what = "use a count ≥ 0 (0 means all)";
    DatasetSpec spec = new DatasetSpec(
        r.choice(d, "name", "dataset.name", null, DATASETS),
        r.integer(d, "train-size", "dataset.train-size", 0, 0, Integer.MAX_VALUE, what),
        r.integer(d, "validation-size", "dataset.validation-size", 5000, 1, Integer.MAX_VALUE,
            "use a count ≥ 1: early stopping needs a validation set"),
        r.integer(d, "test-size", "dataset.test-size", 0, 0, Integer.MAX_VALUE, what),
        d.hasPath("split-seed") ? orZero(r.wholeNumber(d.getValue("split-seed"), "dataset.split-seed")) : 0,
        r.integer(d, "channels", "dataset.channels", 0, 1, 3, "use 1 or 3: the images' own channels, or a 1-channel set repeated over 3"),
        r.integer(d, "size", "dataset.size", 0, 1, 512, "use a side in pixels at least the images' own: they are padded, centred, with zeros"));
    if (spec.name() == null) return spec;
    Datasets.Info info = Datasets.info(spec.name());
    fits(d, spec, info);
    return shape(d, spec, info);
  }

  /** {channels, height, width} of the images a model gets from {@code dataset}; null where unknown (not looked up, or invalid). */
  static int[] imageShape(DatasetSpec dataset) {
    if (dataset == null || dataset.name() == null) return null;
    int channels;
    int height;
    int width;
    if (dataset.own() != null) {
      channels = dataset.own().channels();
      height = dataset.own().height();
      width = dataset.own().width();
    } else if (Datasets.NAMES.contains(dataset.name())) {
      Datasets.Info info = Datasets.info(dataset.name());
      channels = info.channels();
      height = info.size();
      width = info.size();
    } else {
      return null;
    }
    return new int[] {dataset.channels() == 0 ? channels : dataset.channels(), dataset.size() == 0 ? height : dataset.size(),
        dataset.size() == 0 ? width : dataset.size()};
  }

  /** Checks {@code channels} and {@code size} against the images'; a value equal to the images' own is no reshaping (0). */
  DatasetSpec shape(Config d, DatasetSpec spec, Datasets.Info info) {
    int channels = spec.channels() == info.channels() ? 0 : spec.channels();
    int size = spec.size() == info.size() ? 0 : spec.size();
    if (channels != 0 && !(info.channels() == 1 && channels == 3)) {
      r.problem(ConfigReader.line(d, "channels"), "dataset.channels", "is " + spec.channels() + "; " + info.name() + " has "
          + info.channels() + "-channel images: use " + info.channels() + (info.channels() == 1 ? ", or 3 to repeat them over 3 channels" : ""));
    }
    if (size != 0 && size < info.size()) {
      r.problem(ConfigReader.line(d, "size"), "dataset.size", "is " + spec.size() + "; " + info.name() + " images are " + info.size()
          + "×" + info.size() + " and are padded, never cropped: use at least " + info.size());
    }
    return new DatasetSpec(spec.name(), spec.trainSize(), spec.validationSize(), spec.testSize(), spec.splitSeed(), channels, size,
        spec.own());
  }

  /** The sizes asked for against the official sets' sizes: validation and training come out of the training set. */
  void fits(Config d, DatasetSpec spec, Datasets.Info info) {
    String name = info.name();
    if (spec.validationSize() >= info.trainCount()) {
      r.problem(ConfigReader.line(d, "validation-size"), "dataset.validation-size", "is " + spec.validationSize() + "; " + name
          + " has " + info.trainCount() + " training images, and validation is drawn from them: use fewer, leaving some to train on");
    } else if (spec.trainSize() > info.trainCount() - spec.validationSize()) {
      r.problem(ConfigReader.line(d, "train-size"), "dataset.train-size", "is " + spec.trainSize() + "; " + name + " has "
          + info.trainCount() + " training images, " + (info.trainCount() - spec.validationSize())
          + " of them left after validation-size = " + spec.validationSize() + ": use at most that, or 0 for all");
    }
    if (spec.testSize() > info.testCount()) {
      r.problem(ConfigReader.line(d, "test-size"), "dataset.test-size", "is " + spec.testSize() + "; " + name + " has "
          + info.testCount() + " test images: use at most that, or 0 for all");
    }
  }

  static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  /**
   * {@code model = small-cnn}, or the object form {@code model { name = small-cnn, ... }}, or a
   * TorchScript module {@code model { torchscript = "file.pt", ... }} ({@link TorchScriptModel#NAME}).
   */
  String modelName(Config root) {
    if (!root.hasPath("model") || root.getValue("model").valueType() != ConfigValueType.OBJECT) {
      return r.choice(root, "model", "model", "small-cnn", MODELS);
    }
    Config m = root.getConfig("model");
    r.unknownKeys(m.root(), MODEL, "model.");
    if (m.hasPath("torchscript")) {
      if (m.hasPath("name")) {
        r.problem(m.getValue("name"), "model.name", "is set beside model.torchscript; give one: a built-in model's name, or your module's file");
      }
      return TorchScriptModel.NAME;
    }
    for (String key : List.of("input", "classes", "init")) {
      if (m.hasPath(key)) {
        r.problem(m.getValue(key), "model." + key, "belongs to a TorchScript model; add torchscript = \"your-model.pt\" or remove it");
      }
    }
    return r.choice(m, "name", "model.name", null, MODELS);
  }

  /**
   * The TorchScript module of {@code model { torchscript = FILE, input = [C, H, W], classes = K,
   * init = pytorch-default | file }}: the file found under {@code roots} and hashed, its input
   * checked against the dataset's images; null for built-in models.
   */
  TorchScriptModel torchscript(Config root, String model, DatasetSpec dataset, Roots roots) {
    if (!TorchScriptModel.NAME.equals(model)) return null;
    Config m = root.getConfig("model");
    String file = r.string(m, "torchscript", "model.torchscript");
    String sha = null;
    if (file != null && roots.lookUp()) {
      try {
        Path found = RootedFiles.resolve(file, roots.models(), "pathlab.model-roots");
        if (!Files.isRegularFile(found)) throw new IllegalArgumentException(file + " is a folder; name the module's .pt file");
        sha = RootedFiles.sha256(found);
      } catch (IllegalArgumentException e) {
        r.problem(m.getValue("torchscript"), "model.torchscript", e.getMessage());
      } catch (IOException e) {
        r.problem(m.getValue("torchscript"), "model.torchscript", file + " cannot be read (" + e.getMessage() + ")");
      }
    }
    int[] input = null;
    String example = "input = [1, 28, 28] (channels, height, width of one image)";
    if (!m.hasPath("input")) {
      r.problem(m.origin().lineNumber(), "model.input", "missing; give the shape of one image, " + example);
    } else {
      List<ConfigValue> values = r.list(m, "input", "model.input", "[1, 28, 28]");
      if (values != null && values.size() != 3) {
        r.problem(m.getValue("input"), "model.input", "lists " + values.size() + " values; " + example);
      } else if (values != null) {
        input = new int[3];
        for (int i = 0; i < 3 && input != null; i++) {
          Long v = r.wholeNumber(values.get(i), "model.input");
          if (v != null && (v < 1 || v > 4096)) r.problem(values.get(i), "model.input", "is " + v + "; each size must be from 1 to 4096");
          if (v == null || v < 1 || v > 4096) input = null;
          else input[i] = v.intValue();
        }
      }
    }
    int classes = r.integer(m, "classes", "model.classes", dataset == null ? DATASET_CLASSES : dataset.classes(), 2, 100_000,
        "use the number of classes the module's output scores");
    String init = r.choice(m, "init", "model.init", TorchScriptModel.Init.PYTORCH_DEFAULT.id(), TorchScriptModel.Init.ids());
    int[] images = imageShape(dataset);
    if (images != null && input != null) {
      int channels = images[0];
      int height = images[1];
      int width = images[2];
      if (input[0] != channels || input[1] != height || input[2] != width) {
        r.problem(m.getValue("input"), "model.input", "is [" + input[0] + ", " + input[1] + ", " + input[2] + "]; the dataset gives "
            + channels + "×" + height + "×" + width + " images: use input = [" + channels + ", " + height + ", " + width
            + "], or reshape the images with dataset { channels = " + input[0] + ", size = " + input[1] + " }");
      }
    }
    int datasetClasses = dataset == null ? DATASET_CLASSES : dataset.classes();
    boolean known = dataset != null && (dataset.own() != null || Datasets.NAMES.contains(String.valueOf(dataset.name())));
    if (known && classes != datasetClasses) {
      r.problem(m.hasPath("classes") ? ConfigReader.line(m, "classes") : m.origin().lineNumber(), "model.classes",
          "is " + classes + "; " + dataset.describe() + " has " + datasetClasses
              + " classes: use classes = " + datasetClasses + " with a module that outputs " + datasetClasses + " scores");
    }
    // not looked up here (the daemon will): the rest is checked, the module is not known yet
    if (file == null || sha == null || input == null || init == null) return null;
    return new TorchScriptModel(file, sha, input[0], input[1], input[2], classes, TorchScriptModel.Init.of(init));
  }

  /**
   * The small CNN's widths: {@code channels = [C1, C2]} and {@code hidden = H} in the object form,
   * each defaulting to today's; null for other models, which refuse both keys.
   */
  SmallCnnWidths widths(Config root, String model) {
    boolean takesWidths = model != null && !TorchScriptModel.NAME.equals(model) && ModelKind.of(model).takesWidths();
    if (!root.hasPath("model") || root.getValue("model").valueType() != ConfigValueType.OBJECT) {
      return takesWidths ? SmallCnnWidths.DEFAULT : null;
    }
    Config m = root.getConfig("model");
    if (!takesWidths) {
      for (String key : List.of("channels", "hidden")) {
        if (m.hasPath(key) && model != null) {
          r.problem(m.getValue(key), "model." + key, model + " has fixed widths; only small-cnn takes " + key
              + " (remove it, or use name = small-cnn)");
        }
      }
      return null;
    }
    SmallCnnWidths d = SmallCnnWidths.DEFAULT;
    int conv1 = d.conv1();
    int conv2 = d.conv2();
    if (m.hasPath("channels")) {
      String what = "list the two convolutions' output channels, e.g. channels = [" + d.conv1() + ", " + d.conv2() + "]";
      List<ConfigValue> values = r.list(m, "channels", "model.channels", "[" + d.conv1() + ", " + d.conv2() + "]");
      if (values != null && values.size() != 2) {
        r.problem(m.getValue("channels"), "model.channels", "lists " + values.size() + " values; " + what);
      } else if (values != null) {
        int[] channels = new int[2];
        for (int i = 0; i < 2; i++) {
          ConfigValue v = values.get(i);
          Long c = r.wholeNumber(v, "model.channels");
          if (c != null && (c < 1 || c > SmallCnnWidths.MAX_CHANNELS)) {
            r.problem(v, "model.channels", "is " + c + "; use a channel count from 1 to " + SmallCnnWidths.MAX_CHANNELS);
            c = null;
          }
          channels[i] = c == null ? -1 : c.intValue();
        }
        if (channels[0] > 0) conv1 = channels[0];
        if (channels[1] > 0) conv2 = channels[1];
      }
    }
    int hidden = r.integer(m, "hidden", "model.hidden", d.hidden(), 1, SmallCnnWidths.MAX_HIDDEN,
        "use the hidden layer's units, an integer from 1 to " + SmallCnnWidths.MAX_HIDDEN);
    return new SmallCnnWidths(conv1, conv2, hidden);
  }

  /** The gap (in final test loss) the seeds should detect; validate and the report warn when they cannot. */
  Double detectableGap(Config root) {
    if (!root.hasPath("detectable-gap")) return null;
    double gap = r.real(root, "detectable-gap", "detectable-gap", Double.NaN, v -> v > 0,
        "use the smallest difference in final test loss worth detecting, a number > 0 such as 0.02");
    return Double.isNaN(gap) ? null : gap;
  }

  /** {@code metric = test-loss | test-accuracy}: what the verdicts rest on; the loss by default, as the paper. */
  String metric(Config root) {
    return r.choice(root, "metric", "metric", Metric.TEST_LOSS.id(), Metric.ids());
  }

  TransformSettings transforms(Config root) {
    if (!root.hasPath("transforms")) return TransformSettings.defaults();
    Config t = r.object(root, "transforms", "transforms");
    if (t == null) return TransformSettings.defaults();
    r.unknownKeys(t.root(), TRANSFORMS, "transforms.");
    int shiftMax = r.integer(t, "shift-max", "transforms.shift-max", TransformSettings.DEFAULT_SHIFT_MAX,
        0, 1000, "use the largest shift in pixels at level 1, an integer ≥ 0");
    String filter = r.choice(t, "blur-filter", "transforms.blur-filter", BlurFilter.DEFAULT.id(), BlurFilter.ids());
    return new TransformSettings(shiftMax, BlurFilter.of(filter).orElse(BlurFilter.DEFAULT));
  }
}
