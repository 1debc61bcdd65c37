package org.pathlab.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A block's parameter values, written into the arrays the block already has. DJL's own ways of
 * setting values, {@code NDArray.set(Buffer)} and {@code Block.loadParameters}, give a parameter
 * new contiguous (NCHW) storage, which would undo the {@link MemoryLayout} it was allocated in.
 * Saved parameters are DJL's format, the same whatever the layout.
 */
public final class Parameters {

  private Parameters() {}

  /** Writes values, in the array's logical (row-major) order, into its own storage. */
  public static void assign(NDArray target, float[] values) {
    if (values.length != target.size()) {
      throw new IllegalArgumentException(values.length + " values for an array of shape " + target.getShape());
    }
    try (NDManager scope = target.getManager().newSubManager()) {
      assign(target, scope.create(values, target.getShape()));
    }
  }

  /** Copies values of the same shape into the target's own storage; no gradient is recorded. */
  public static void assign(NDArray target, NDArray values) {
    if (!target.getShape().equals(values.getShape())) {
      throw new IllegalArgumentException("values of shape " + values.getShape() + " for an array of shape " + target.getShape());
    }
    boolean recording = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      target.set(new NDIndex("..."), values);
    } finally {
      JniUtils.setGradMode(recording);
    }
  }

  /** The block's parameters in DJL's format, as {@code Block.saveParameters} writes them. */
  public static byte[] save(Block block) {
    return HostReads.of(HostReads.parameters(block), () -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try {
        block.saveParameters(new DataOutputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    });
  }

  /**
   * Loads saved parameters into an initialized block's arrays in place. {@code scratch} is a fresh,
   * uninitialized block of the same architecture: DJL decodes into it, and its arrays (attached to
   * a sub-manager of {@code manager}) are closed before this returns.
   */
  public static void load(Block block, byte[] saved, Block scratch, NDManager manager) throws IOException, MalformedModelException {
    try (NDManager scope = manager.newSubManager()) {
      scratch.loadParameters(scope, new DataInputStream(new ByteArrayInputStream(saved)));
      var into = block.getParameters();
      var from = scratch.getParameters();
      if (into.size() != from.size()) {
        throw new MalformedModelException("saved parameters hold " + from.size() + " arrays; the model has " + into.size());
      }
      for (int i = 0; i < into.size(); i++) {
        String name = into.get(i).getKey();
        if (!name.equals(from.get(i).getKey())) {
          throw new MalformedModelException("saved parameter " + i + " is " + from.get(i).getKey() + "; the model's is " + name);
        }
        NDArray target = into.get(i).getValue().getArray();
        NDArray values = from.get(i).getValue().getArray();
        if (!target.getShape().equals(values.getShape())) {
          throw new MalformedModelException("saved parameter " + name + " has shape " + values.getShape() + "; the model's has " + target.getShape());
        }
        assign(target, values);
      }
    }
  }
}
