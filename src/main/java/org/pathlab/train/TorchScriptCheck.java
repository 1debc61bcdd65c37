package org.pathlab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pathlab.model.TorchScriptInit;
import org.pathlab.model.TorchScriptModel;

/**
 * What pathlab must know of a TorchScript module before it accepts a scenario that trains it,
 * found by loading it once on the CPU: that the file is TorchScript, that it has parameters, that
 * a training batch of the declared input shape gives {@code [batch, classes]} logits and gradients
 * for its parameters, and that {@code init = pytorch-default} has a rule for each parameter.
 * {@code ops/pathlab validate} and the daemon's submit ask it; every problem names the file.
 */
public final class TorchScriptCheck {

  private static final int BATCH = 2; // batch norm needs two values per channel in training mode

  private TorchScriptCheck() {}

  /** The problems of {@code model} as found under {@code roots}; empty when it can be trained. */
  public static List<String> problems(TorchScriptModel model, List<Path> roots) {
    List<String> problems = new ArrayList<>();
    String what = "model.torchscript: " + model.file();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      byte[] bytes;
      try {
        bytes = TorchScriptNetwork.read(model, roots);
      } catch (IllegalArgumentException e) {
        return List.of("model.torchscript: " + e.getMessage());
      }
      TorchScriptNetwork network;
      try {
        // as saved: the rule for init = pytorch-default is checked on its own below
        network = TorchScriptNetwork.open(new TorchScriptModel(model.file(), model.sha256(), model.channels(), model.height(),
            model.width(), model.classes(), TorchScriptModel.Init.FILE), roots, manager, 0, null);
      } catch (IllegalArgumentException e) {
        return List.of(what + " is " + e.getMessage());
      }
      try (network) {
        var parameters = network.block().getParameters();
        if (parameters.isEmpty()) {
          return List.of(what + " has no parameters, so there is nothing to train: export the module with its layers");
        }
        if (model.init() == TorchScriptModel.Init.PYTORCH_DEFAULT) {
          for (String p : TorchScriptInit.problems(network.block())) problems.add(what + ": " + p);
        }
        Shape shape = new Shape(BATCH, model.channels(), model.height(), model.width());
        try (NDManager step = manager.newSubManager();
            ThreadGradientCollector collector = new ThreadGradientCollector()) {
          NDArray x = step.randomUniform(0, 1, shape);
          NDList out;
          try {
            out = network.forward(x, true);
          } catch (RuntimeException e) {
            problems.add(what + ": a batch of shape " + shape + " (model.input = [" + model.channels() + ", " + model.height() + ", "
                + model.width() + "]) fails in its forward pass (" + TorchScriptNetwork.firstLine(e.getMessage())
                + "): declare the input the module takes");
            return problems;
          }
          if (out.size() != 1 || !out.head().getShape().equals(new Shape(BATCH, model.classes()))) {
            problems.add(what + " gives " + describe(out) + " for a batch of shape " + shape + "; pathlab needs one output, logits of shape "
                + new Shape(BATCH, model.classes()) + " (batch, model.classes = " + model.classes() + ")");
            return problems;
          }
          try {
            collector.backward(out.head().sum());
          } catch (RuntimeException e) {
            problems.add(what + ": its output cannot be differentiated (" + TorchScriptNetwork.firstLine(e.getMessage())
                + "), so it cannot be trained");
            return problems;
          }
          boolean any = false;
          for (Pair<String, Parameter> p : parameters) {
            PtNDArray g = JniUtils.getGradient((PtNDArray) p.getValue().getArray());
            if (g != null) {
              any = true;
              g.close();
            }
          }
          if (!any) problems.add(what + ": no parameter receives a gradient from its output, so training would change nothing");
        }
      }
    }
    return problems;
  }

  private static String describe(NDList out) {
    if (out.size() != 1) return out.size() + " outputs";
    return "an output of shape " + out.head().getShape();
  }
}
