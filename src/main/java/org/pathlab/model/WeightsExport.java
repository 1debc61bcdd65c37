package org.pathlab.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built-in model's checkpoint (DJL's parameter file) as a safetensors file that the PyTorch
 * module of the same name in {@code python/pathlab_models.py} loads with {@code load_state_dict}:
 * the tensors under {@link TorchNames}, in PyTorch's state-dict order, each batch norm with a
 * {@code num_batches_tracked} of 0 (pathlab does not count them; PyTorch uses the count only when a
 * batch norm's momentum is None, which it is not here).
 */
public final class WeightsExport {

  private WeightsExport() {}

  /**
   * {@code metadata} goes into the file's header as it is, with {@code model}, {@code classes},
   * {@code widths} (small CNN: conv1, conv2, hidden) and {@code input} (C,H,W) added.
   * {@code input}: the images' shape where known (null: the small CNN's square input, read off its
   * weights; for ResNet-18, which takes any size, 32×32).
   */
  public static byte[] safetensors(String model, SmallCnnWidths widths, int classes, int[] input, byte[] checkpoint,
      Map<String, String> metadata) throws IOException, MalformedModelException {
    ModelKind kind = ModelKind.of(model);
    SmallCnnWidths w = kind.takesWidths() ? SmallCnnWidths.orDefault(widths) : null;
    Block block = Architectures.create(kind, w, classes);
    List<String> names = TorchNames.of(kind);
    List<Safetensors.Tensor> tensors = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(checkpoint)));
      var parameters = block.getParameters();
      if (parameters.size() != names.size()) {
        throw new MalformedModelException("the checkpoint holds " + parameters.size() + " arrays; " + model + " has " + names.size());
      }
      for (int i = 0; i < names.size(); i++) {
        String djl = parameters.get(i).getKey();
        String torch = names.get(i);
        if (!djl.endsWith(TorchNames.djlSuffix(torch))) {
          throw new MalformedModelException("parameter " + i + " is " + djl + ", which cannot be PyTorch's " + torch);
        }
        NDArray array = parameters.get(i).getValue().getArray();
        tensors.add(Safetensors.Tensor.of(torch, array.getShape().getShape(), array.toFloatArray()));
        if (torch.endsWith(".running_var")) {
          String norm = torch.substring(0, torch.length() - ".running_var".length());
          tensors.add(Safetensors.Tensor.ofLongs(norm + ".num_batches_tracked", new long[0], new long[] {0}));
        }
      }
    }
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put("model", model);
    meta.put("classes", Integer.toString(classes));
    if (w != null) meta.put("widths", w.conv1() + "," + w.conv2() + "," + w.hidden());
    int[] shape = input != null ? input : inputOf(kind, tensors, w);
    meta.put("input", shape[0] + "," + shape[1] + "," + shape[2]);
    return Safetensors.write(tensors, meta);
  }

  /** The input the weights imply: conv1's input channels, and the small CNN's square side from fc1's inputs. */
  private static int[] inputOf(ModelKind kind, List<Safetensors.Tensor> tensors, SmallCnnWidths w) {
    int channels = (int) tensors.get(0).shape()[1];
    if (kind != ModelKind.SMALL_CNN) return new int[] {channels, 32, 32};
    long perChannel = tensors.stream().filter(t -> t.name().equals("fc1.weight")).findFirst().orElseThrow().shape()[1] / w.conv2();
    int side = 4 * (int) Math.round(Math.sqrt(perChannel));
    return new int[] {channels, side, side};
  }
}
