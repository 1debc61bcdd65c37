package org.pathlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What each device's trainer is doing now, for {@code GET /api/devices} and {@code pathlab devices}:
 * written by the trainers, read by the API (not persisted: the journal records what was done, this
 * what is being done).
 */
public final class Devices {

  /** A task in training since {@code sinceMillis}. */
  public record Activity(String experimentId, String runId, int taskIndex, long sinceMillis) {}

  public record Device(String name, String kind, Activity training, long tasksTrained) {}

  private final Map<String, Device> devices = new ConcurrentSkipListMap<>();

  public void register(String name, String kind) {
    devices.put(name, new Device(name, kind, null, 0));
  }

  void started(String name, Activity activity) {
    devices.computeIfPresent(name, (n, d) -> new Device(n, d.kind(), activity, d.tasksTrained()));
  }

  void finished(String name) {
    devices.computeIfPresent(name, (n, d) -> new Device(n, d.kind(), null, d.tasksTrained() + 1));
  }

  public List<Device> list() {
    return new ArrayList<>(devices.values());
  }
}
