package org.pathlab.metrics;

/**
 * Where a task was trained: the cluster node ({@code host:port}; null outside a cluster), the
 * daemon's trainer ({@code cpu}, {@code gpu0}, {@code cpu#2}; from {@code pathlab.devices}) and the
 * engine device it ran on ({@code cpu()}, {@code gpu(0)}).
 */
public record TrainedOn(String node, String trainer, String engine) implements org.pathlab.wire.PathlabSerializable {

  /**
   * The string that events held before this type: {@code "gpu0 gpu(0)"}; older journals hold the
   * engine alone ({@code "cpu()"}), or nothing.
   */
  public static TrainedOn parse(String written) {
    if (written == null || written.isBlank()) return new TrainedOn(null, null, null);
    int space = written.indexOf(' ');
    return space < 0 ? new TrainedOn(null, null, written) : new TrainedOn(null, written.substring(0, space), written.substring(space + 1));
  }

  @Override
  public String toString() {
    String on = trainer == null ? String.valueOf(engine) : trainer + " " + engine;
    return node == null ? on : on + " on " + node;
  }
}
