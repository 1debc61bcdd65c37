package org.pathlab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.serialization.PathlabSerializable;

/** A scenario expanded into every run it asks for (arms × seeds), in a fixed order. */
public record Plan(String scenarioName, DatasetSpec dataset, String model, List<Arm> arms, List<RunSpec> runs)
    implements PathlabSerializable {

  public Plan {
    arms = List.copyOf(arms);
    runs = List.copyOf(runs);
  }

  public static Plan of(Scenario scenario) {
    List<RunSpec> runs = new ArrayList<>();
    for (int a = 0; a < scenario.arms().size(); a++) {
      Arm arm = scenario.arms().get(a);
      for (long seed : scenario.seeds()) {
        runs.add(new RunSpec("a" + a + "-s" + seed, arm.name(), seed, arm.path()));
      }
    }
    return new Plan(scenario.name(), scenario.dataset(), scenario.model(), scenario.arms(), runs);
  }

  public Arm baseline() {
    return arms.stream().filter(Arm::baseline).findFirst().orElseThrow();
  }

  public RunSpec run(String runId) {
    return runs.stream()
        .filter(r -> r.id().equals(runId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run " + runId + " in this plan"));
  }

  public int totalTasks() {
    return runs.stream().mapToInt(r -> r.path().size()).sum();
  }
}
