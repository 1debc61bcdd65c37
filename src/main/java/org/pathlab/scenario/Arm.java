package org.pathlab.scenario;

import org.pathlab.path.LearningPath;
import org.pathlab.wire.PathlabSerializable;

/** One named path configuration of an experiment; the baseline arm's path is the target task alone. */
public record Arm(String name, boolean baseline, LearningPath path) implements PathlabSerializable {}
