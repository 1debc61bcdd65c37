package org.pathlab.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer for every {@link PathlabSerializable}, over Kryo with registration required
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

  private final ExtendedActorSystem system;
  private final Map<String, Class<?>> byManifest = new HashMap<>();
  private final Pool<Kryo> pool;
  private volatile ActorRefResolver resolver;

  public KryoSerializer(ExtendedActorSystem system) {
    this.system = system;
    for (Class<?> type : Registrations.RECORDS) byManifest.put(manifestOf(type), type);
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
    int id = Registrations.FIRST_ID;
    for (Class<? extends Record> type : Registrations.RECORDS) {
      kryo.register(type, new RecordSerializer(type), id++);
    }
    id = Registrations.FIRST_ENUM_ID;
    for (Class<? extends Enum<?>> type : Registrations.ENUMS) {
      kryo.register(type, id++);
    }
    id = Registrations.FIRST_LIST_ID;
    for (Class<?> type : Registrations.immutableLists()) {
      kryo.register(type, new ImmutableListSerializer(), id++);
    }
    kryo.register(ArrayList.class, new ImmutableListSerializer(), id++);
    kryo.register(actorRefClass(), new ActorRefSerializer(), 480);
    return kryo;
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
