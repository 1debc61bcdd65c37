package org.pathlab.experiment;

/**
 * Where a task was trained: the daemon's trainer ({@code cpu}, {@code gpu0}; from {@code
 * pathlab.devices}) and the engine device it ran on ({@code cpu()}, {@code gpu(0)}). Events keep
 * it in its written form, {@code "gpu0 gpu(0)"} ({@link #toString}), so every journal reads.
 */
public record TrainedOn(String trainer, String engine) {

  /** The written form in events; journals from before the trainer was recorded hold the engine alone, or nothing. */
  public static TrainedOn parse(String written) {
    if (written == null || written.isBlank()) return new TrainedOn(null, null);
    int space = written.indexOf(' ');
    return space < 0 ? new TrainedOn(null, written) : new TrainedOn(written.substring(0, space), written.substring(space + 1));
  }

  @Override
  public String toString() {
    return trainer == null ? engine : trainer + " " + engine;
  }
}
