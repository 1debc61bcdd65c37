package org.pathlab.scenario;

import java.util.List;

/** A validated scenario file: what to train, along which arms, with which seeds. */
public record Scenario(
    String name, DatasetSpec dataset, String model, List<Arm> arms, List<Long> seeds, String source) {

  public Scenario {
    arms = List.copyOf(arms);
    seeds = List.copyOf(seeds);
  }
}
