package org.pathlab.scenario;

import org.pathlab.wire.PathlabSerializable;

/** Which dataset a scenario trains on and how much of it: 0 for a size means "all". */
public record DatasetSpec(String name, int trainSize, int validationSize, int testSize, long splitSeed)
    implements PathlabSerializable {}
