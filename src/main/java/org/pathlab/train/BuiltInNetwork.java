package org.pathlab.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import org.pathlab.model.Architectures;
import org.pathlab.model.MemoryLayout;
import org.pathlab.model.ModelKind;
import org.pathlab.model.Parameters;
import org.pathlab.model.Precision;
import org.pathlab.model.PytorchInit;
import org.pathlab.model.SmallCnnWidths;

/**
 * A built-in architecture ({@link ModelKind}) as DJL blocks, in the memory layout it trains in on
 * its device and in its run's {@link Precision}. Training batches go in that layout; evaluation
 * batches as they come. In bf16 the batch, the convolutions' and linear layers' parameters
 * ({@link MixedPrecisionStore}) and the activations between them are bfloat16, and the logits are
 * cast back to fp32 before the loss and the softmax, in training and in evaluation alike.
 */
final class BuiltInNetwork implements Network {

  private final ModelKind kind;
  private final Supplier<Block> architecture;
  private final Block block;
  private final MemoryLayout layout;
  private final NDManager manager;
  private final ParameterStore store;
  private final MixedPrecisionStore mixed;
  private final Bf16Casts casts;

  private BuiltInNetwork(ModelKind kind, Supplier<Block> architecture, MemoryLayout layout, Precision precision, NDManager manager,
      Shape input) {
    this.kind = kind;
    this.architecture = architecture;
    this.block = architecture.get();
    this.layout = layout;
    this.manager = manager;
    layout.allocate(block);
    block.initialize(manager, DataType.FLOAT32, input);
    this.casts = precision == Precision.BF16 ? new Bf16Casts(manager) : null;
    this.mixed = casts != null ? new MixedPrecisionStore(manager, casts) : null;
    this.store = mixed != null ? mixed : new ParameterStore(manager, false);
  }

  /**
   * {@code model} at {@code widths} for one-image shape {@code input} (1×C×H×W): initialized by
   * PyTorch's defaults from {@code seed}, or from {@code checkpoint} where it is not null.
   */
  static BuiltInNetwork create(String model, SmallCnnWidths widths, int classes, Shape input, Device device, Precision precision,
      NDManager manager, long seed, byte[] checkpoint) throws IOException, MalformedModelException {
    return create(model, widths, classes, input, MemoryLayout.of(model, device), precision, manager, seed, checkpoint);
  }

  /** The same in a given layout (benchmarks compare layouts). */
  static BuiltInNetwork create(String model, SmallCnnWidths widths, int classes, Shape input, MemoryLayout layout, Precision precision,
      NDManager manager, long seed, byte[] checkpoint) throws IOException, MalformedModelException {
    ModelKind kind = ModelKind.of(model);
    BuiltInNetwork network = new BuiltInNetwork(kind, () -> Architectures.create(kind, widths, classes), layout, precision, manager, input);
    if (checkpoint == null) {
      PytorchInit.apply(network.block, seed);
    } else {
      network.restore(checkpoint);
    }
    return network;
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public NDList forward(NDArray images, boolean training) {
    NDArray x = training ? layout.batch(images) : images;
    if (mixed == null) return block.forward(store, new NDList(x), training);
    NDManager scope = images.getManager();
    mixed.scope(scope);
    NDArray logits = block.forward(store, new NDList(casts.swap(x, scope, training)), training).singletonOrThrow();
    return new NDList(casts.swap(logits, scope, training));
  }

  @Override
  public byte[] save() {
    return Parameters.save(block);
  }

  @Override
  public void restore(byte[] state) throws IOException, MalformedModelException {
    Parameters.load(block, state, architecture.get(), manager);
  }

  @Override
  public Map<Integer, String> reluStages() {
    return kind.reluStages();
  }

  @Override
  public void close() {
    // the block's arrays belong to the task's manager, closed by the trainer
    if (casts != null) casts.close();
  }
}
