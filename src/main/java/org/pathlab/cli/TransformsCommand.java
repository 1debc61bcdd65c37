package org.pathlab.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pathlab.data.Datasets;
import org.pathlab.data.RawImages;
import org.pathlab.transform.BlurFilter;
import org.pathlab.transform.Gallery;
import org.pathlab.transform.TransformSettings;
import org.pathlab.transform.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "transforms",
    description = "Render each transform at levels 0, 0.25, 0.5, 0.75 and 1 on real test images, as PNG grids (no daemon needed).")
final class TransformsCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;

  @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "dataset to take images from (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--out", required = true, description = "directory for <transform>.png")
  Path out;

  @Option(names = "--images", defaultValue = "6", description = "images (rows), one per class from the first (default: ${DEFAULT-VALUE})")
  int images;

  @Option(names = "--shift-max", defaultValue = "8", description = "shift at level 1 in pixels (default: ${DEFAULT-VALUE})")
  int shiftMax;

  @Option(names = "--blur-filter", defaultValue = "bilinear",
      description = "how blur shrinks images: bilinear, area or antialias (default: ${DEFAULT-VALUE}; docs/transforms.md)")
  String blurFilter;

  @Override
  public Integer call() throws Exception {
    if (images < 1 || images > 10) throw new CliException(ExitCodes.USAGE, "--images " + images + ": give 1 to 10 (one image per class)");
    if (shiftMax < 0) throw new CliException(ExitCodes.USAGE, "--shift-max " + shiftMax + ": give a number of pixels, 0 or more");
    BlurFilter filter = BlurFilter.of(blurFilter).orElseThrow(() -> new CliException(ExitCodes.USAGE,
        "--blur-filter " + blurFilter + ": give one of " + String.join(", ", BlurFilter.ids())));
    OutputDirectory.prepare(out, "--out");
    System.setProperty("ai.djl.offline", "true");
    List<Path> roots = new ArrayList<>();
    String env = System.getenv("PATHLAB_DATA");
    if (env != null && !env.isBlank()) roots.add(Path.of(env));
    RawImages test = Datasets.load(dataset, roots)[1];
    int per = test.channels() * test.height() * test.width();
    float[] pixels = new float[images * per];
    boolean[] seen = new boolean[10];
    int filled = 0;
    for (int i = 0; i < test.count() && filled < images; i++) {
      if (seen[test.labels()[i]]) continue;
      seen[test.labels()[i]] = true;
      for (int k = 0; k < per; k++) pixels[filled * per + k] = (test.pixels()[i * per + k] & 0xff) / 255f;
      filled++;
    }
    Shape shape = new Shape(filled, test.channels(), test.height(), test.width());
    double[] levels = {0, 0.25, 0.5, 0.75, 1};
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      for (String t : Transforms.NAMES) {
        Path file = Gallery.render(manager, pixels, shape, t, levels, new TransformSettings(shiftMax, filter), 3, 1, out);
        parent.out.println("wrote " + file);
      }
    }
    return ExitCodes.OK;
  }
}
