package org.pathlab.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The architectures a scenario can name, each owning what differs between them: which of its
 * top-level layers are ReLU stages (where dead units are measured, the paper's appendix 8.3), the
 * memory layout it trains in, whether it takes widths, and its benchmark input. Scenarios, events
 * and prefix keys name a model by its {@link #id()}. No DJL: how each is built in DJL blocks is
 * {@link Architectures}'s, and which {@link MemoryLayout} applies on a device is {@link
 * MemoryLayout#of(ModelKind, ai.djl.Device)}'s.
 */
public enum ModelKind {

  /**
   * Two 3×3 convolution + ReLU + 2×2 max-pool stages, then a hidden layer (widths: {@link
   * SmallCnnWidths}). The widths change no layer's index, so the stages hold at any widths.
   */
  SMALL_CNN("small-cnn", true, 1, 28, stages(1, "conv1", 4, "conv2", 8, "fc1")) {
    @Override
    public boolean channelsLast(boolean gpu, boolean avx512) {
      return true;
    }
  },

  /** The CIFAR ResNet-18 with batch norm (11.17 M parameters for 10 classes); fixed widths. */
  RESNET_18("resnet-18", false, 3, 32, resNetStages()) {
    @Override
    public boolean channelsLast(boolean gpu, boolean avx512) {
      return !gpu && avx512;
    }
  };

  private final String id;
  private final boolean takesWidths;
  private final int benchChannels;
  private final int benchSize;
  private final Map<Integer, String> reluStages;

  ModelKind(String id, boolean takesWidths, int benchChannels, int benchSize, Map<Integer, String> reluStages) {
    this.id = id;
    this.takesWidths = takesWidths;
    this.benchChannels = benchChannels;
    this.benchSize = benchSize;
    this.reluStages = Collections.unmodifiableMap(reluStages);
  }

  /**
   * Whether it trains channels-last ({@link MemoryLayout} says why) on a GPU or not, on a host whose
   * CPU has oneDNN's AVX-512 kernels or not; NCHW otherwise.
   */
  public abstract boolean channelsLast(boolean gpu, boolean avx512);

  /**
   * What a prefix key adds for this model trained on a CPU-only daemon of this host: "" where it
   * trains in the layout that trainer version 4 keys were made with (channels-last), {@code "
   * layout=nchw"} where it does not (ResNet-18 without AVX-512), so that prefixes trained in one
   * layout are never continued in the other.
   */
  public String cpuKeyNote() {
    return channelsLast(false, CpuIsa.avx512Core()) ? "" : " layout=nchw";
  }

  /** {@link #cpuKeyNote()} of every kind, by id. */
  public static Map<String, String> cpuKeyNotes() {
    Map<String, String> notes = new LinkedHashMap<>();
    for (ModelKind k : values()) notes.put(k.id, k.cpuKeyNote());
    return notes;
  }

  public String id() {
    return id;
  }

  /** Whether scenarios may set its widths ({@code channels}, {@code hidden}). */
  public boolean takesWidths() {
    return takesWidths;
  }

  /** The ReLU stages by index among the top-level layers, in order, with their names. */
  public Map<Integer, String> reluStages() {
    return reluStages;
  }

  /** (channels, size) of its benchmark input: Fashion-MNIST-shaped or CIFAR-shaped. */
  public int[] benchInput() {
    return new int[] {benchChannels, benchSize};
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ModelKind::id).toList();
  }

  /** The kind named {@code id}; an unknown name is refused with the known ones. */
  public static ModelKind of(String id) {
    for (ModelKind k : values()) if (k.id.equals(id)) return k;
    throw new IllegalArgumentException("unknown model '" + id + "'; known models are " + ids());
  }

  private static Map<Integer, String> stages(Object... indexThenName) {
    Map<Integer, String> stages = new LinkedHashMap<>();
    for (int i = 0; i < indexThenName.length; i += 2) stages.put((Integer) indexThenName[i], (String) indexThenName[i + 1]);
    return stages;
  }

  private static Map<Integer, String> resNetStages() {
    Map<Integer, String> stages = new LinkedHashMap<>();
    stages.put(2, "stem");
    for (int stage = 1; stage <= 4; stage++) {
      for (int block = 1; block <= 2; block++) stages.put(1 + 2 * stage + block - 1, "stage" + stage + ".block" + block);
    }
    return stages;
  }
}
