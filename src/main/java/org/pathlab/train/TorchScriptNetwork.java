package org.pathlab.train;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pathlab.data.RootedFiles;
import org.pathlab.model.MemoryLayout;
import org.pathlab.model.TorchScriptCode;
import org.pathlab.model.TorchScriptInit;
import org.pathlab.model.TorchScriptModel;

/**
 * A researcher's TorchScript module, trained in place: its parameters are the module's own tensors
 * (made to require gradients), updated by pathlab's {@link Sgd}. A state is the whole module as
 * {@code torch.jit.save} writes it (code, parameters and buffers), so a checkpoint restores the
 * batch-norm running statistics too, and the bytes are the same for the same values.
 */
final class TorchScriptNetwork implements Network {

  /** Where operators put models: the configuration key named in every refusal. */
  static final String ROOTS_SETTING = "pathlab.model-roots";

  private final NDManager manager;
  private final ParameterStore store;
  private final MemoryLayout layout;
  private PtSymbolBlock block;

  private TorchScriptNetwork(NDManager manager, PtSymbolBlock block, MemoryLayout layout) {
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
    this.block = trainable(block);
    this.layout = layout;
  }

  /**
   * The module {@code model} names, read from under {@code roots} and checked against the content
   * hash recorded when the scenario was accepted; initialized from {@code seed} by {@link
   * TorchScriptInit} (or left as saved, for {@code init = file}), or from {@code checkpoint}.
   */
  static TorchScriptNetwork open(TorchScriptModel model, List<Path> roots, NDManager manager, long seed, byte[] checkpoint) {
    byte[] bytes = checkpoint != null ? checkpoint : read(model, roots);
    MemoryLayout layout = layout(bytes, model, manager);
    TorchScriptNetwork network = new TorchScriptNetwork(manager, load(manager, bytes), layout);
    if (checkpoint != null) return network;
    if (model.init() == TorchScriptModel.Init.PYTORCH_DEFAULT) TorchScriptInit.apply(network.block, seed);
    return network;
  }

  /** The file's bytes, refused when it is gone, outside the roots, or not what was submitted. */
  static byte[] read(TorchScriptModel model, List<Path> roots) {
    Path file = RootedFiles.resolve(model.file(), roots, ROOTS_SETTING);
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > TorchScriptCode.MAX_FILE_BYTES) {
        throw new IllegalArgumentException("the model file " + file + " is " + size + " bytes; a model file may be at most "
            + TorchScriptCode.MAX_FILE_BYTES + " (512 MiB)");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("the model file " + file + " cannot be read (" + e.getMessage() + ")");
    }
    String sha = Checkpoints.sha256(bytes);
    if (!sha.equals(model.sha256())) {
      throw new IllegalArgumentException("the model file " + file + " has changed since the experiment was submitted (sha256 "
          + model.sha256() + " then, " + sha + " now): put the submitted file back, or submit the experiment again to train the new one");
    }
    return bytes;
  }

  /** A module from {@code torch.jit.save}'s bytes, on the manager's device; a clear error for anything else. */
  static PtSymbolBlock load(NDManager manager, byte[] bytes) {
    TorchScriptCode.check(bytes); // before PyTorch runs any of it
    try {
      return JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(bytes), true, false);
    } catch (EngineException e) {
      throw new IllegalArgumentException("not a TorchScript module (" + firstLine(e.getMessage()) + "); save the model with "
          + "torch.jit.script(model).save(path) or torch.jit.trace(model, example).save(path)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parameters that require gradients, and the module in training mode: the Java block starts out
   * believing it is in training mode and only switches the module when asked for the other mode,
   * so the module must not be left in whatever mode it was saved in (a module saved after
   * {@code eval()} would otherwise train with batch norm's running statistics).
   */
  /**
   * Training batches go in channels-last on a CPU, as the built-in small CNN's do (its convolutions
   * run about 1.4 times as fast so, here), where the module takes them: a module that reshapes with
   * {@code view} cannot, which an evaluation-mode pass on zeros through a throwaway copy of the
   * module shows once, before training. On a GPU, NCHW. The choice depends only on the module and
   * the device, so a resumed task makes the same one.
   */
  private static MemoryLayout layout(byte[] bytes, TorchScriptModel model, NDManager manager) {
    if (manager.getDevice().isGpu()) return MemoryLayout.NCHW;
    try (NDManager probe = manager.newSubManager();
        ThreadGradientCollector.NoGrad off = ThreadGradientCollector.noGrad()) {
      PtSymbolBlock copy = load(probe, bytes);
      try {
        NDArray zeros = probe.zeros(new ai.djl.ndarray.types.Shape(2, model.channels(), model.height(), model.width()));
        copy.forward(new ParameterStore(probe, false), new NDList(MemoryLayout.CHANNELS_LAST.batch(zeros)), false);
        return MemoryLayout.CHANNELS_LAST;
      } finally {
        copy.close();
      }
    } catch (RuntimeException e) {
      return MemoryLayout.NCHW;
    }
  }

  private static PtSymbolBlock trainable(PtSymbolBlock block) {
    block.freezeParameters(false);
    JniUtils.enableTrainingMode(block);
    return block;
  }

  static String firstLine(String message) {
    if (message == null) return "no message";
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public NDList forward(NDArray images, boolean training) {
    return block.forward(store, new NDList(training ? layout.batch(images) : images), training);
  }

  @Override
  public byte[] save() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JniUtils.writeModule(block, bytes, false);
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] state) {
    PtSymbolBlock restored = load(manager, state);
    block.close();
    block = trainable(restored);
  }

  /** The layout training batches go in ({@link #layout(byte[], TorchScriptModel, NDManager)}). */
  MemoryLayout layout() {
    return layout;
  }

  @Override
  public Map<Integer, String> reluStages() {
    return Map.of();
  }

  @Override
  public void close() {
    block.close();
  }
}
