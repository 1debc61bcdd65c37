package org.pathlab.serialization;

/**
 * Marker for everything that crosses a serialization boundary (journal events, actor messages,
 * persisted state). Bound to {@link KryoSerializer} in {@code reference.conf}.
 */
public interface PathlabSerializable {}
