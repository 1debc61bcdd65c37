package org.pathlab.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pathlab.data.Datasets;
import org.pathlab.data.DeviceDataset;
import org.pathlab.data.RawImages;
import org.pathlab.data.Splits;
import org.pathlab.scenario.DatasetSpec;

/**
 * Datasets decoded once per trainer device and shared read-only by every run on it: files are
 * read once per dataset name, tensors built once per (dataset, sizes, split seed).
 */
final class DatasetCache implements AutoCloseable {

  private final NDManager manager;
  private final List<Path> roots;
  private final Map<String, RawImages[]> files = new HashMap<>();
  private final Map<DatasetSpec, DeviceDataset> tensors = new HashMap<>();

  DatasetCache(NDManager manager, List<Path> roots) {
    this.manager = manager;
    this.roots = List.copyOf(roots);
  }

  DeviceDataset get(DatasetSpec spec) {
    DeviceDataset cached = tensors.get(spec);
    if (cached != null) return cached;
    RawImages[] stored = spec.own() == null
        ? files.computeIfAbsent(spec.name(), name -> Datasets.load(name, roots))
        : files.computeIfAbsent(spec.own().keyText() + " split " + spec.splitSeed(), key -> OwnData.load(spec.own(), spec.splitSeed(), roots));
    RawImages[] raw = {stored[0].reshaped(spec.channels(), spec.size()), stored[1].reshaped(spec.channels(), spec.size())};
    var split =
        Splits.of(raw[0].labels(), raw[1].labels(), spec.splitSeed(), spec.trainSize(), spec.validationSize(), spec.testSize());
    DeviceDataset dataset = DeviceDataset.create(manager, raw[0], raw[1], split);
    tensors.put(spec, dataset);
    return dataset;
  }

  @Override
  public void close() {
    tensors.values().forEach(DeviceDataset::close);
    tensors.clear();
    files.clear();
  }
}
