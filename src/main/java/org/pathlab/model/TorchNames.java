package org.pathlab.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The names a built-in model's tensors have in its PyTorch module ({@code python/pathlab_models.py}),
 * in the order DJL lists the block's parameters: each weight and bias, and for every batch norm its
 * {@code weight}, {@code bias}, {@code running_mean} and {@code running_var} (DJL's gamma, beta,
 * runningMean, runningVar).
 */
public final class TorchNames {

  private TorchNames() {}

  /** Every parameter's PyTorch name, in DJL's order. */
  public static List<String> of(ModelKind kind) {
    return switch (kind) {
      case SMALL_CNN -> List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
          "fc2.weight", "fc2.bias");
      case RESNET_18 -> resNet18();
    };
  }

  /** What a DJL parameter name must end with to be the PyTorch tensor named {@code torchName}. */
  public static String djlSuffix(String torchName) {
    String last = torchName.substring(torchName.lastIndexOf('.') + 1);
    return switch (last) {
      case "running_mean" -> "runningMean";
      case "running_var" -> "runningVar";
      default -> torchName.contains("bn") || torchName.matches(".*shortcut\\.1\\.\\w+") ? (last.equals("weight") ? "gamma" : "beta")
          : last;
    };
  }

  private static List<String> resNet18() {
    List<String> names = new ArrayList<>();
    names.add("conv1.weight");
    batchNorm(names, "bn1");
    for (int layer = 1; layer <= 4; layer++) {
      for (int block = 0; block < 2; block++) {
        String p = "layer" + layer + "." + block + ".";
        names.add(p + "conv1.weight");
        batchNorm(names, p + "bn1");
        names.add(p + "conv2.weight");
        batchNorm(names, p + "bn2");
        if (layer > 1 && block == 0) { // the stride-2 block's 1×1 convolution + batch norm shortcut
          names.add(p + "shortcut.0.weight");
          batchNorm(names, p + "shortcut.1");
        }
      }
    }
    names.add("fc.weight");
    names.add("fc.bias");
    return names;
  }

  private static void batchNorm(List<String> names, String prefix) {
    for (String s : new String[] {"weight", "bias", "running_mean", "running_var"}) names.add(prefix + "." + s);
  }
}
