package org.pathlab.scenario;

import java.util.List;
import org.pathlab.transform.TransformSettings;

/** A validated scenario file: what to train, along which arms, with which seeds. */
public record Scenario(
    String name,
    DatasetSpec dataset,
    String model,
    TransformSettings transforms,
    List<Arm> arms,
    List<Long> seeds,
    List<Long> baselineSeeds,
    String source,
    boolean reuse) {

  public Scenario {
    arms = List.copyOf(arms);
    seeds = List.copyOf(seeds);
    baselineSeeds = List.copyOf(baselineSeeds);
  }
}
