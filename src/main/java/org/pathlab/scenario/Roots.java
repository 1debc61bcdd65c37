package org.pathlab.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * The folders a scenario's own files may come from: TorchScript models under {@code models}
 * ({@code pathlab.model-roots}), datasets of its own under {@code data} ({@code pathlab.data-roots}
 * and the daemon's other dataset folders). A scenario names files relative to them and reaches
 * nothing else. {@code lookUp = false}: the files are another machine's to find (the CLI checks a
 * scenario before submitting it; the daemon looks its files up under its own roots), so they are
 * not read here.
 */
public record Roots(List<Path> models, List<Path> data, boolean lookUp) {

  /** No roots: a scenario that names a file of its own is refused. */
  public static final Roots NONE = new Roots(List.of(), List.of(), true);

  /** The daemon's to look up: files are named but not read. */
  public static final Roots ELSEWHERE = new Roots(List.of(), List.of(), false);

  public Roots {
    models = List.copyOf(models);
    data = List.copyOf(data);
  }

  public Roots(List<Path> models) {
    this(models, List.of(), true);
  }

  public Roots(List<Path> models, List<Path> data) {
    this(models, data, true);
  }
}
