package org.pathlab.serialization;

import java.util.List;

/**
 * The classes {@link KryoSerializer} may meet, in id order: records from {@link #FIRST_ID}, enums
 * from {@link #FIRST_ENUM_ID}. The journal stores these ids, so an implementation only ever appends.
 * The serializer finds its implementation by the class named in {@code
 * pathlab.serialization.registrations} (a public class with a public no-argument constructor), so
 * this package knows none of the classes it writes.
 */
public interface KryoRegistrations {

  int FIRST_ID = 100;
  int FIRST_ENUM_ID = 400;
  /** Immutable JDK lists, registered by the serializer itself. */
  int FIRST_LIST_ID = 450;

  List<Class<? extends Record>> records();

  List<Class<? extends Enum<?>>> enums();
}
