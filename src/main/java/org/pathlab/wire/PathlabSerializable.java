package org.pathlab.wire;

/**
 * Marker for everything that crosses a serialization boundary (journal events, actor messages,
 * persisted state). Bound to {@code org.pathlab.serialization.KryoSerializer} in {@code
 * reference.conf}; the classes Kryo may meet are listed in {@code org.pathlab.daemon.Registrations}.
 * This package is a leaf: the plain-Java packages carry the marker without knowing Pekko or Kryo.
 */
public interface PathlabSerializable {}
