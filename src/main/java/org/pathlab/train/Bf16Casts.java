package org.pathlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.pathlab.model.TorchScriptCode;

/**
 * The casts between float32 and bfloat16 that mixed-precision training needs, recorded by
 * autograd. DJL 0.33 cannot do either: its PyTorch bindings have no bfloat16 in their dtype table
 * (asking for one aborts the process) and run their own casts without autograd. So pathlab ships
 * one TorchScript module, {@code bf16-cast.pt} ({@code src/main/python/make_bf16_cast.py}), whose
 * {@code forward} turns bfloat16 into float32 and anything else into bfloat16; run in training
 * mode, the cast is part of the graph and gradients flow back through it in the source's dtype.
 * The archive is checked like any module before it is loaded ({@link TorchScriptCode#check}).
 * One instance per task: the module lives in the task's manager, on its device.
 */
final class Bf16Casts implements AutoCloseable {

  private static final byte[] MODULE = read();

  private final PtSymbolBlock module;

  Bf16Casts(NDManager manager) {
    try {
      module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(MODULE), true, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code x} in the other precision (bfloat16 from float32, float32 from bfloat16), attached to
   * {@code scope}; with {@code grad}, recorded for the backward pass.
   */
  NDArray swap(NDArray x, NDManager scope, boolean grad) {
    NDArray cast = IValueUtils.forward(module, new NDList(x), grad).singletonOrThrow();
    cast.attach(scope);
    return cast;
  }

  private static byte[] read() {
    try (InputStream in = Bf16Casts.class.getResourceAsStream("bf16-cast.pt")) {
      if (in == null) throw new IllegalStateException("bf16-cast.pt is missing from pathlab's jar");
      byte[] bytes = in.readAllBytes();
      TorchScriptCode.check(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    module.close();
  }
}
