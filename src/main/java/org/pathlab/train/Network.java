package org.pathlab.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.Map;

/**
 * The network one task trains, whatever made it: a built-in architecture ({@link BuiltInNetwork})
 * or a researcher's TorchScript module ({@link TorchScriptNetwork}). The trainer sees only this:
 * forward passes, the parameters (for SGD, bias reset and the probe), and whole states to keep the
 * best epoch and to write checkpoints.
 */
public interface Network extends AutoCloseable {

  /** The parameters' owner: {@link Sgd}, {@link org.pathlab.model.BiasReset} and the probe read it. */
  Block block();

  /** Logits for a batch; {@code training} selects batch statistics (and updates running ones) where the network has them. */
  NDList forward(NDArray images, boolean training);

  /** The whole state (parameters and buffers such as batch-norm running statistics), as checkpoints hold it. */
  byte[] save();

  /** Back to a state {@link #save} returned; {@link #block()} may be a new block afterwards. */
  void restore(byte[] state) throws IOException, MalformedModelException;

  /** The ReLU stages to probe for dead units, by index among the top-level layers (none where unknown). */
  Map<Integer, String> reluStages();

  @Override
  void close();
}
