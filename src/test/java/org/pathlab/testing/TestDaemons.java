package org.pathlab.testing;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.pathlab.daemon.Daemon;

/** Starts a test's daemon in this JVM: its data directory, its HTTP API on a free port, and any other settings. */
public final class TestDaemons {

  private TestDaemons() {}

  /** A daemon on {@code dataDir} with the default settings, its HTTP API on a free port. */
  public static Daemon start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }

  /** A daemon on {@code dataDir}, its HTTP API on a free port, with the settings in {@code extra} (they win). */
  public static Daemon start(Path dataDir, Map<String, Object> extra) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("pathlab.data-dir", dataDir.toString());
    config.put("pathlab.http.port", 0);
    config.putAll(extra);
    return Daemon.start(ConfigFactory.parseMap(config));
  }
}
