package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The safetensors layout, byte by byte: header length, padded JSON header, tensors back to back, little-endian. */
class SafetensorsTest {

  @Test
  void headerThenContiguousLittleEndianTensors() throws Exception {
    byte[] file = Safetensors.write(List.of(
        Safetensors.Tensor.of("a.weight", new long[] {2, 1}, new float[] {1.5f, -2f}),
        Safetensors.Tensor.ofLongs("a.num_batches_tracked", new long[0], new long[] {7})), Map.of("model", "small-cnn"));
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    long length = b.getLong();
    assertEquals(0, length % 8, "the header is padded to 8 bytes");
    assertEquals(8 + length + 2 * 4 + 8, file.length);
    Map<String, Object> header = Safetensors.header(file);
    assertEquals(Map.of("model", "small-cnn"), header.get("__metadata__"));
    assertEquals(Map.of("dtype", "F32", "shape", List.of(2, 1), "data_offsets", List.of(0, 8)), header.get("a.weight"));
    assertEquals(Map.of("dtype", "I64", "shape", List.of(), "data_offsets", List.of(8, 16)), header.get("a.num_batches_tracked"));
    b.position((int) (8 + length));
    assertEquals(1.5f, b.getFloat());
    assertEquals(-2f, b.getFloat());
    assertEquals(7L, b.getLong());
  }

  @Test
  void resNetNamesFollowPyTorchsStateDict() {
    List<String> names = TorchNames.of(ModelKind.RESNET_18);
    assertEquals(102, names.size(), "122 state-dict entries less 20 num_batches_tracked");
    assertEquals("layer2.0.shortcut.1.running_var", names.get(names.indexOf("layer2.0.shortcut.0.weight") + 4));
    assertEquals("gamma", TorchNames.djlSuffix("layer2.0.shortcut.1.weight"));
    assertEquals("weight", TorchNames.djlSuffix("layer2.0.shortcut.0.weight"));
    assertEquals("runningVar", TorchNames.djlSuffix("bn1.running_var"));
  }
}
