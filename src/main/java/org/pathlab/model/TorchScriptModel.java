package org.pathlab.model;

import java.util.List;
import org.pathlab.wire.PathlabSerializable;

/**
 * A researcher's own network: a TorchScript module ({@code torch.jit.script} or {@code trace},
 * saved with {@code .save}) that pathlab trains with its own SGD, early stopping, bias reset and
 * checkpoints. Plain Java, so scenarios, plans and requests can carry it.
 *
 * <p>{@code file} is the path as the scenario wrote it, resolved under the daemon's model roots
 * ({@code pathlab.model-roots}) wherever it is used; {@code sha256} is the file's content when the
 * scenario was accepted, so a changed file is refused by the trainer and never continues a prefix
 * trained from the old one. {@code input} is one image's shape, [channels, height, width].
 */
public record TorchScriptModel(String file, String sha256, int channels, int height, int width, int classes, Init init)
    implements PathlabSerializable {

  /** How each seed's first task starts. */
  public enum Init {
    /** Every parameter re-drawn by PyTorch's default rule for its layer kind, from the run's seed. */
    PYTORCH_DEFAULT("pytorch-default"),
    /** The saved weights as they are: every seed starts from the same parameters. */
    FILE("file");

    private final String id;

    Init(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static List<String> ids() {
      return java.util.Arrays.stream(values()).map(Init::id).toList();
    }

    public static Init of(String id) {
      for (Init i : values()) if (i.id.equals(id)) return i;
      throw new IllegalArgumentException("unknown init '" + id + "'; use one of " + ids());
    }
  }

  /** The name plans and events give such a model. */
  public static final String NAME = "torchscript";

  /**
   * {@code torchscript classifier.pt (sha256 1a2b3c4d5e6f…, input 1×28×28, 10 classes, init
   * pytorch-default)}; with {@code init = file} it says that every seed starts from the same weights.
   */
  public String describe() {
    return NAME + " " + file + " (sha256 " + sha256.substring(0, 12) + "…, input " + channels + "×" + height + "×" + width
        + ", " + classes + " classes, init " + init.id()
        + (init == Init.FILE ? ": every seed starts from the saved weights, seeds differ only in data order and transforms" : "")
        + ")";
  }
}
