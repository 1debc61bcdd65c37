package org.pathlab.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length,
 * a JSON header naming each tensor's dtype, shape and byte range (plus string metadata), padded
 * with spaces to 8 bytes, then the tensors' bytes, little-endian, row-major, back to back.
 */
public final class Safetensors {

  /** A float32 tensor, or (with {@code longs}) an int64 one; values in row-major order. */
  public record Tensor(String name, long[] shape, float[] floats, long[] longs) {
    public static Tensor of(String name, long[] shape, float[] values) {
      return new Tensor(name, shape, values, null);
    }

    public static Tensor ofLongs(String name, long[] shape, long[] values) {
      return new Tensor(name, shape, null, values);
    }

    int bytes() {
      return floats != null ? 4 * floats.length : 8 * longs.length;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private Safetensors() {}

  public static byte[] write(List<Tensor> tensors, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (Tensor t : tensors) {
      ObjectNode entry = header.putObject(t.name());
      entry.put("dtype", t.floats() != null ? "F32" : "I64");
      var shape = entry.putArray("shape");
      for (long d : t.shape()) shape.add(d);
      entry.putArray("data_offsets").add(offset).add(offset + t.bytes());
      offset += t.bytes();
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(json);
    for (int i = json.length; i < padded; i++) out.put((byte) ' ');
    for (Tensor t : tensors) {
      if (t.floats() != null) for (float v : t.floats()) out.putFloat(v);
      else for (long v : t.longs()) out.putLong(v);
    }
    return out.array();
  }

  /** Reads back what {@link #write} wrote: each tensor's name, dtype and shape, and the metadata (for checks and tests). */
  public static Map<String, Object> header(byte[] file) throws java.io.IOException {
    long length = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (length < 2 || length > file.length - 8) throw new java.io.IOException("not a safetensors file: header length " + length);
    @SuppressWarnings("unchecked")
    Map<String, Object> header = JSON.readValue(new String(file, 8, (int) length, StandardCharsets.UTF_8), Map.class);
    return header;
  }
}
