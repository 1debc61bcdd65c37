package org.pathlab.train;

import org.pathlab.model.MemoryLayout;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.pathlab.model.Precision;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.model.TorchScriptModel;

/** The networks the trainer trains, for tools that step them the same way (benchmarks). */
public final class Networks {

  private Networks() {}

  /** A built-in model, PyTorch-default initialized from {@code seed}, in {@code layout} (null: the one it trains in on the manager's device). */
  public static Network builtIn(String model, SmallCnnWidths widths, int classes, Shape input, MemoryLayout layout, NDManager manager,
      long seed) throws Exception {
    return builtIn(model, widths, classes, input, layout, Precision.FP32, manager, seed);
  }

  /** The same in {@code precision}. */
  public static Network builtIn(String model, SmallCnnWidths widths, int classes, Shape input, MemoryLayout layout, Precision precision,
      NDManager manager, long seed) throws Exception {
    MemoryLayout chosen = layout != null ? layout : MemoryLayout.of(model, manager.getDevice());
    return BuiltInNetwork.create(model, widths, classes, input, chosen, precision, manager, seed, null);
  }

  /** A TorchScript module from under {@code roots}, initialized as its {@code init} says. */
  public static Network torchScript(TorchScriptModel model, List<Path> roots, NDManager manager, long seed) {
    return TorchScriptNetwork.open(model, roots, manager, seed, null);
  }
}
