package org.pathlab.path;

import org.pathlab.wire.PathlabSerializable;

/** One (task, learning process) pair of a learning path. */
public record Step(Task task, LearningProcess process) implements PathlabSerializable {}
