package org.pathlab.model;

import ai.djl.nn.Block;

/** The built-in architectures as DJL blocks: the engine's side of a {@link ModelKind}. */
public final class Architectures {

  private Architectures() {}

  /** The network of {@code kind}, untrained; {@code widths} null means the default (kinds without widths refuse any). */
  public static Block create(ModelKind kind, SmallCnnWidths widths, int classes) {
    if (widths != null && !kind.takesWidths()) {
      throw new IllegalArgumentException(kind.id() + " has fixed widths; only small-cnn takes channels and hidden");
    }
    return switch (kind) {
      case SMALL_CNN -> SmallCnn.build(SmallCnnWidths.orDefault(widths), classes);
      case RESNET_18 -> ResNet18.create(classes);
    };
  }
}
