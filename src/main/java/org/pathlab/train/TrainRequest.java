package org.pathlab.train;

import org.pathlab.path.Step;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.transform.TransformSettings;

/**
 * Train one task of one run. {@code checkpoint} is the parameters after the previous task (null
 * for the first task: initialize from {@code seed}); {@code checkpointSha256} must match it.
 */
public record TrainRequest(
    String runKey,
    long seed,
    int taskIndex,
    DatasetSpec dataset,
    String model,
    TransformSettings transforms,
    Step step,
    String checkpoint,
    String checkpointSha256) {}
