package org.pathlab.train;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where one task's wall time goes, phase by phase: a profile that costs two {@code nanoTime} calls
 * per measured piece. On CPU, DJL runs PyTorch's ops eagerly and synchronously, so the time of a
 * piece of code is the time of its ops; on a GPU, queued kernels show up in the phase that reads a
 * result back.
 */
final class PhaseClock implements TrainingListener {

  /** The phases of a task, in the order they happen. */
  enum Phase {
    /** building the model, initializing or loading the checkpoint, bias reset */
    SETUP("setup"),
    /** shuffling the order, selecting a batch's rows */
    BATCH("batch"),
    /** the task's transforms and the normalization of a training batch */
    TRANSFORM("transform"),
    /** forward pass, loss and backward pass */
    FORWARD_BACKWARD("forward+backward"),
    /** the SGD update */
    UPDATE("update"),
    /** the epoch's running loss and accuracy sums, read once per epoch */
    METRICS("metrics"),
    /** the validation pass after each epoch */
    VALIDATION("validation"),
    /** copying the best epoch's parameters, and the epoch's bookkeeping (its metrics to the listener) */
    KEEP_BEST("keep-best"),
    /** restoring the best parameters, the activation probe, the test passes */
    TEST("test"),
    /** writing the checkpoint file */
    CHECKPOINT("checkpoint");

    final String label;

    Phase(String label) {
      this.label = label;
    }
  }

  private final Map<Phase, Long> nanos = new EnumMap<>(Phase.class);
  private final long started = System.nanoTime();
  private long last = started;

  /** Adds the time since the last phase ended to {@code phase}. */
  @Override
  public void phaseEnded(Phase phase) {
    long now = System.nanoTime();
    nanos.merge(phase, now - last, Long::sum);
    last = now;
  }

  /** e.g. {@code total=41.2s setup=0.1s batch=0.6s ... other=0.2s}: seconds per phase, then the rest. */
  String summary() {
    long total = System.nanoTime() - started;
    long measured = 0;
    StringJoiner line = new StringJoiner(" ");
    line.add(String.format(Locale.ROOT, "total=%.2fs", total / 1e9));
    for (Phase p : Phase.values()) {
      long n = nanos.getOrDefault(p, 0L);
      measured += n;
      line.add(String.format(Locale.ROOT, "%s=%.2fs", p.label, n / 1e9));
    }
    line.add(String.format(Locale.ROOT, "other=%.2fs", (total - measured) / 1e9));
    return line.toString();
  }
}
