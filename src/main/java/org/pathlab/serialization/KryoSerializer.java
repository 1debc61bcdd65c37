package org.pathlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer for every {@code org.pathlab.wire.PathlabSerializable}, over Kryo with registration required
 * (an unregistered class fails loudly instead of writing its name into the journal). The manifest
 * is the class's name relative to {@code org.pathlab} plus its format version ({@code #1}); records
 * are written field by field by name ({@link RecordSerializer}), so events can gain fields and old
 * journals still replay. A change that renaming or re-typing a field would need goes with a new
 * version and a conversion of the old one here.
 */
public final class KryoSerializer extends SerializerWithStringManifest {

  public static final int IDENTIFIER = 7_741_001;
  private static final String ROOT = "org.pathlab.";
  /** The format version written with every message; readers accept this and every earlier one. */
  public static final int VERSION = 1;

  /** The setting that names the {@link KryoRegistrations} class. */
  public static final String REGISTRATIONS_SETTING = "pathlab.serialization.registrations";

  private final ExtendedActorSystem system;
  private final KryoRegistrations registrations;
  private final Map<String, Class<?>> byManifest = new HashMap<>();
  private final Pool<Kryo> pool;
  private volatile ActorRefResolver resolver;

  public KryoSerializer(ExtendedActorSystem system) {
    this.system = system;
    this.registrations = registrations(system.settings().config().getString(REGISTRATIONS_SETTING));
    for (Class<?> type : registrations.records()) byManifest.put(manifestOf(type), type);
    this.pool =
        new Pool<>(true, false, 16) {
          @Override
          protected Kryo create() {
            return newKryo();
          }
        };
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    return manifestOf(o.getClass()) + "#" + VERSION;
  }

  @Override
  public byte[] toBinary(Object o) {
    Kryo kryo = pool.obtain();
    try {
      Output output = new Output(256, -1);
      kryo.writeObject(output, o);
      return output.toBytes();
    } finally {
      pool.free(kryo);
    }
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    int hash = manifest.lastIndexOf('#');
    String name = hash < 0 ? manifest : manifest.substring(0, hash);
    int version = hash < 0 ? 1 : Integer.parseInt(manifest.substring(hash + 1));
    Class<?> type = byManifest.get(name);
    if (type == null || version > VERSION) {
      throw new NotSerializableException("pathlab " + VERSION + " cannot read '" + manifest
          + "': written by a newer pathlab, or a class that no longer exists; use the pathlab that wrote this journal");
    }
    Kryo kryo = pool.obtain();
    try {
      return kryo.readObject(new Input(bytes), type);
    } finally {
      pool.free(kryo);
    }
  }

  private static String manifestOf(Class<?> type) {
    String name = type.getName();
    return name.startsWith(ROOT) ? name.substring(ROOT.length()) : name;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    int id = KryoRegistrations.FIRST_ID;
    for (Class<? extends Record> type : registrations.records()) {
      kryo.register(type, new RecordSerializer(type), id++);
    }
    id = KryoRegistrations.FIRST_ENUM_ID;
    for (Class<? extends Enum<?>> type : registrations.enums()) {
      kryo.register(type, id++);
    }
    id = KryoRegistrations.FIRST_LIST_ID;
    for (Class<?> type : immutableLists()) {
      kryo.register(type, new ImmutableListSerializer(), id++);
    }
    kryo.register(ArrayList.class, new ImmutableListSerializer(), id++);
    kryo.register(actorRefClass(), new ActorRefSerializer(), 480);
    return kryo;
  }

  private static KryoRegistrations registrations(String className) {
    try {
      return (KryoRegistrations) Class.forName(className).getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(REGISTRATIONS_SETTING + " = '" + className
          + "' is not a public KryoRegistrations class with a public no-argument constructor", e);
    }
  }

  /** Immutable JDK lists ({@code List.of}, {@code List.copyOf}), from {@link KryoRegistrations#FIRST_LIST_ID}. */
  private static List<Class<?>> immutableLists() {
    List<Class<?>> classes = new ArrayList<>();
    classes.add(List.of().getClass());
    classes.add(List.of(1).getClass());
    classes.add(List.of(1, 2, 3).getClass());
    classes.add(List.of(1, 2, 3).subList(0, 2).getClass());
    return classes;
  }

  private static Class<?> actorRefClass() {
    try {
      return Class.forName("org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Pekko's typed ActorRef class moved; update KryoSerializer", e);
    }
  }

  private ActorRefResolver resolver() {
    if (resolver == null) {
      resolver = ActorRefResolver.get(Adapter.toTyped(system));
    }
    return resolver;
  }

  /** Actor references travel as their serialization format and are resolved on the reading side. */
  @SuppressWarnings("rawtypes")
  private final class ActorRefSerializer extends Serializer<ActorRef> {
    @Override
    public void write(Kryo kryo, Output output, ActorRef ref) {
      output.writeString(resolver().toSerializationFormat(ref));
    }

    @Override
    public ActorRef read(Kryo kryo, Input input, Class<? extends ActorRef> type) {
      return resolver().resolveActorRef(input.readString());
    }
  }
}
