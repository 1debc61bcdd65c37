package org.pathlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a record as (field count, then per field: name, byte length, value) and rebuilds it
 * through the canonical constructor. Because fields are found by name and skipped by length, a
 * journal written before a record gained, lost or reordered a field still replays: missing
 * fields get their type's default (null, 0, false). Kryo's own RecordSerializer is positional
 * and breaks on such changes.
 */
final class RecordSerializer<T extends Record> extends Serializer<T> {

  private final Class<T> type;
  private final RecordComponent[] components;
  private final Constructor<T> constructor;

  RecordSerializer(Class<T> type) {
    this.type = type;
    this.components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      this.constructor = type.getDeclaredConstructor(types);
      this.constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no canonical constructor on " + type.getName(), e);
    }
  }

  @Override
  public void write(Kryo kryo, Output output, T record) {
    output.writeVarInt(components.length, true);
    for (RecordComponent component : components) {
      Object value;
      try {
        var accessor = component.getAccessor();
        accessor.setAccessible(true);
        value = accessor.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new KryoException("cannot read " + type.getSimpleName() + "." + component.getName(), e);
      }
      output.writeString(component.getName());
      Output field = new Output(64, -1);
      kryo.writeClassAndObject(field, value);
      output.writeVarInt(field.position(), true);
      output.writeBytes(field.getBuffer(), 0, field.position());
    }
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
    int count = input.readVarInt(true);
    Map<String, byte[]> fields = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = input.readString();
      int length = input.readVarInt(true);
      fields.put(name, input.readBytes(length));
    }
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      byte[] bytes = fields.get(components[i].getName());
      Class<?> fieldType = components[i].getType();
      args[i] = bytes == null ? defaultValue(fieldType) : kryo.readClassAndObject(new Input(bytes));
    }
    try {
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new KryoException("cannot rebuild " + type.getSimpleName(), e);
    }
  }

  private static Object defaultValue(Class<?> type) {
    if (!type.isPrimitive()) return null;
    if (type == boolean.class) return false;
    if (type == long.class) return 0L;
    if (type == double.class) return 0.0;
    if (type == float.class) return 0f;
    if (type == char.class) return '\0';
    if (type == byte.class) return (byte) 0;
    if (type == short.class) return (short) 0;
    return 0;
  }
}
