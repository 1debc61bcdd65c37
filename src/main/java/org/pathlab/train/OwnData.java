package org.pathlab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pathlab.data.DatasetException;
import org.pathlab.data.ImageFolder;
import org.pathlab.data.NpzImages;
import org.pathlab.data.RawImages;
import org.pathlab.data.RootedFiles;
import org.pathlab.scenario.OwnDataset;

/**
 * A researcher's dataset decoded from under the data roots, as the scenario recorded it: refused
 * (never silently different) when its content no longer hashes to what was accepted.
 */
public final class OwnData {

  private OwnData() {}

  /** {train, test}, uint8 N×C×H×W, labels 0…K−1. */
  public static RawImages[] load(OwnDataset own, long splitSeed, List<Path> roots) {
    Path found = RootedFiles.resolve(own.path(), roots, "pathlab.data-roots");
    String sha;
    RawImages[] images;
    if (OwnDataset.IMAGE_FOLDER.equals(own.format())) {
      ImageFolder.Layout layout = ImageFolder.scan(found, own.testFraction(), splitSeed);
      sha = ImageFolder.digest(found, layout);
      check(own, found, sha);
      images = ImageFolder.read(layout, own.channels(), own.resize() ? own.height() : 0, own.resize() ? own.width() : 0);
    } else {
      try {
        sha = RootedFiles.sha256(found);
      } catch (IOException e) {
        throw new DatasetException(found + " cannot be read (" + e.getMessage() + ")");
      }
      check(own, found, sha);
      images = NpzImages.read(found);
    }
    RawImages train = images[0];
    if (train.channels() != own.channels() || train.height() != own.height() || train.width() != own.width()) {
      throw new DatasetException(found + " now gives " + train.channels() + "×" + train.height() + "×" + train.width()
          + " images where the scenario was accepted with " + own.channels() + "×" + own.height() + "×" + own.width());
    }
    for (RawImages split : images) {
      for (int label : split.labels()) {
        if (label >= own.classes()) {
          throw new DatasetException(found + ": a label " + label + " where the training labels number " + own.classes()
              + " classes (0…" + (own.classes() - 1) + "); every test class must occur in training");
        }
      }
    }
    return images;
  }

  private static void check(OwnDataset own, Path found, String sha) {
    if (!sha.equals(own.sha256())) {
      throw new DatasetException(found + " has changed since the experiment was submitted (sha256 " + own.sha256() + " then, "
          + sha + " now): put the submitted data back, or submit the experiment again to train on the new data");
    }
  }
}
