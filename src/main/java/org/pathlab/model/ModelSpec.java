package org.pathlab.model;

import org.pathlab.wire.PathlabSerializable;

/**
 * A model as everything outside the engine names it: its kind ({@link ModelKind#id()}, or {@link
 * TorchScriptModel#NAME}), the small CNN's widths (null: the kind's default, or none), and the
 * researcher's TorchScript module (its file, SHA-256 and shapes; null for a built-in kind). No DJL:
 * scenarios, plans, training requests and reports carry it; {@code Architectures} and the
 * trainer turn it into a network.
 */
public record ModelSpec(String kind, SmallCnnWidths widths, TorchScriptModel torchscript) implements PathlabSerializable {

  /** The scenario parser has checked the kind, its widths and the module; journals hold what it accepted. */
  public ModelSpec {
    if (kind == null || kind.isBlank()) throw new IllegalArgumentException("a model needs a kind");
  }

  /** A built-in kind at {@code widths} (null: its default). */
  public static ModelSpec builtIn(String kind, SmallCnnWidths widths) {
    return new ModelSpec(kind, widths, null);
  }

  /** Whether it is a researcher's TorchScript module rather than a built-in kind. */
  public boolean isTorchScript() {
    return torchscript != null;
  }

  /**
   * As a report or validate names it: {@code small-cnn (channels 16, 32; hidden 64)}, {@code
   * resnet-18}, {@code torchscript net.pt (sha256 …, input 1×28×28, 10 classes, init file)}.
   */
  public String describe() {
    if (torchscript != null) return torchscript.describe();
    return widths == null ? kind : kind + " (" + widths.describe() + ")";
  }
}
