package org.pathlab.daemon;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pathlab.experiment.RetryPolicy;

/** The {@code pathlab} config block, read once. */
public record Settings(
    Path dataDir,
    List<Path> dataRoots,
    String host,
    int port,
    int threads,
    int interopThreads,
    RetryPolicy retries,
    boolean requireToken,
    Path tokenFile,
    java.time.Duration shutdownTimeout,
    boolean reuse,
    JournalDatabase journal,
    List<DeviceSpec> devices,
    int runsPerDevice,
    Path sharedCheckpointDir,
    Cluster cluster,
    List<String> allowedHosts,
    org.pathlab.scenario.ScenarioLimits scenarioLimits,
    java.time.Duration storageProbeInterval,
    List<Path> modelRoots,
    int maxDeaths) {

  /** Pekko Cluster membership (docs/cluster.md); {@code enabled = false}: this daemon alone. */
  public record Cluster(boolean enabled, String host, int port, List<String> seedNodes, String splitBrain) {}

  public static Settings from(Config config) {
    Config c = config.getConfig("pathlab");
    Path dataDir = Path.of(c.getString("data-dir")).toAbsolutePath().normalize();
    List<Path> roots = new ArrayList<>();
    for (String root : c.getStringList("data-roots")) roots.add(Path.of(root));
    String env = System.getenv("PATHLAB_DATA");
    if (env != null && !env.isBlank()) roots.add(0, Path.of(env));
    roots.add(dataDir.resolve("datasets")); // where ops/datasets puts what it fetches
    String host = c.getString("http.host");
    boolean loopback = isLoopback(host);
    String require = c.getString("http.require-token");
    boolean requireToken = switch (require) {
      case "auto" -> !loopback;
      case "on" -> true;
      case "off" -> {
        if (!loopback) {
          throw new IllegalArgumentException("pathlab.http.require-token = off with pathlab.http.host = " + host
              + ": a daemon reachable from other machines must require a token; remove the setting or bind 127.0.0.1");
        }
        yield false;
      }
      default -> throw new IllegalArgumentException("pathlab.http.require-token = " + require + ": use auto, on or off");
    };
    String tokenFile = c.getString("http.token-file");
    JournalDatabase journal = JournalDatabase.from(c, dataDir.resolve("journal"));
    if (c.getBoolean("cluster.enabled")) {
      if (journal.embedded()) {
        throw new IllegalArgumentException("pathlab.cluster.enabled = on needs a journal every node shares: set "
            + "pathlab.journal.url to a PostgreSQL database (conf/postgres.conf)");
      }
      if (c.getString("checkpoint-dir").isBlank()) {
        throw new IllegalArgumentException("pathlab.cluster.enabled = on needs pathlab.checkpoint-dir: a directory every "
            + "node can read, since a run may continue on another node");
      }
    }
    List<DeviceSpec> devices = DeviceSpec.from(c);
    return new Settings(
        dataDir,
        List.copyOf(roots),
        host,
        c.getInt("http.port"),
        c.getInt("training.threads"),
        c.getInt("training.interop-threads"),
        new RetryPolicy(c.getInt("training.retry.max-attempts"), c.getDuration("training.retry.first-backoff"),
            c.getDuration("training.retry.max-backoff")),
        requireToken,
        tokenFile.isBlank() ? dataDir.resolve("api-token") : Path.of(tokenFile).toAbsolutePath(),
        c.getDuration("training.shutdown-timeout"),
        c.getBoolean("reuse"),
        journal,
        devices,
        runsPerDevice(c, devices, Runtime.getRuntime().availableProcessors()),
        c.getString("checkpoint-dir").isBlank() ? null : Path.of(c.getString("checkpoint-dir")).toAbsolutePath().normalize(),
        new Cluster(c.getBoolean("cluster.enabled"), c.getString("cluster.host"), c.getInt("cluster.port"),
            c.getStringList("cluster.seed-nodes"), splitBrain(c.getString("cluster.split-brain-resolver"))),
        List.copyOf(c.getStringList("http.allowed-hosts")),
        org.pathlab.scenario.ScenarioLimits.from(c.getConfig("scenario-limits")),
        probeInterval(c),
        modelRoots(c),
        maxDeaths(c));
  }

  /** {@code pathlab.crash-loop.max-deaths}: unclean stops in a row with an experiment in flight before it is quarantined. */
  private static int maxDeaths(Config c) {
    int n = c.getInt("crash-loop.max-deaths");
    if (n < 1) throw new IllegalArgumentException("pathlab.crash-loop.max-deaths = " + n + "; use 1 or more (2: quarantined at the second)");
    return n;
  }

  /** {@code pathlab.model-roots}: absolute folders (a relative one would depend on where the daemon was started). */
  static List<Path> modelRoots(Config c) {
    List<Path> roots = new ArrayList<>();
    for (String root : c.getStringList("model-roots")) {
      Path p = Path.of(root);
      if (!p.isAbsolute()) {
        throw new IllegalArgumentException("pathlab.model-roots lists " + root + ", a relative path: give absolute folders");
      }
      if (!c.getBoolean("model-roots-writable-by-others")) refuseWritableByOthers(p);
      roots.add(p.normalize());
    }
    return List.copyOf(roots);
  }

  /**
   * A model file is a program the daemon runs: a root that another account can write (group or
   * world write, without the sticky bit that keeps others from replacing files they do not own)
   * lets that account choose what runs. Checked where the file system says (POSIX modes).
   */
  private static void refuseWritableByOthers(Path root) {
    int mode;
    try {
      mode = (Integer) java.nio.file.Files.getAttribute(root, "unix:mode");
    } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return; // absent (refused where a scenario names it) or no POSIX modes here
    }
    if ((mode & 0022) != 0 && (mode & 01000) == 0) {
      throw new IllegalArgumentException("pathlab.model-roots lists " + root + ", a folder " + ((mode & 0002) != 0 ? "every account" : "its group")
          + " can write (mode " + String.format("%04o", mode & 07777) + "): a model file is code the daemon runs, so whoever can write"
          + " there chooses what runs; chmod go-w it, or set pathlab.model-roots-writable-by-others = true to accept that");
    }
  }

  private static String splitBrain(String strategy) {
    if (!List.of("keep-majority", "keep-oldest").contains(strategy)) {
      throw new IllegalArgumentException("pathlab.cluster.split-brain-resolver = " + strategy
          + "; use keep-majority (3 nodes or more) or keep-oldest (2 nodes: the oldest goes on)");
    }
    return strategy;
  }

  private static java.time.Duration probeInterval(Config c) {
    java.time.Duration interval = c.getDuration("storage.probe-interval");
    if (interval.toMillis() < 100 || interval.toMinutes() > 10) {
      throw new IllegalArgumentException("pathlab.storage.probe-interval = " + interval + "; use 100ms to 10m (1s: a fault shows within a second)");
    }
    return interval;
  }

  /**
   * {@code runs-per-device}: 1 to 16, or {@code auto}: on CPUs alone, as many runs as the cores hold
   * at {@code training.threads} each (at least 1; on 2 cores at 2 threads: 1, since two runs on one
   * thread each measured no faster there, docs/benchmarks.md); with a GPU, 1. The count changes no
   * number: each run trains on its own threads, and its thread count is in its prefix key.
   */
  static int runsPerDevice(Config c, List<DeviceSpec> devices, int cores) {
    if (c.getValue("runs-per-device").valueType() == com.typesafe.config.ConfigValueType.STRING
        && "auto".equals(c.getString("runs-per-device"))) {
      boolean gpu = devices.stream().anyMatch(d -> !d.engine().startsWith("cpu"));
      return gpu ? 1 : Math.max(1, Math.min(16, cores / Math.max(1, c.getInt("training.threads"))));
    }
    int k;
    try {
      k = c.getInt("runs-per-device");
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      throw new IllegalArgumentException("pathlab.runs-per-device = " + c.getValue("runs-per-device").render() + "; use auto or 1 to 16");
    }
    if (k < 1 || k > 16) throw new IllegalArgumentException("pathlab.runs-per-device = " + k + "; use auto or 1 to 16");
    return k;
  }

  /** Every trainer the daemon runs: runs-per-device of each device. */
  public int trainers() {
    return devices.size() * runsPerDevice;
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("pathlab.http.host = " + host + ": unknown host");
    }
  }

  /** What, besides the path, determines a task's result here: the device kind and thread counts. */
  public String trainingSignature() {
    // a daemon with GPUs and the CPU may train a prefix on either: its key names both kinds
    String kinds = String.join("+", devices.stream().map(DeviceSpec::kind).distinct().sorted().toList());
    return kinds + " threads=" + threads + " interop=" + interopThreads;
  }

  /**
   * What {@code precision = auto} is resolved for: this host's CPU, or the daemon's GPUs where it
   * has any (bf16 tensor cores from compute capability 8, as the first GPU reports it).
   */
  public org.pathlab.model.Precision.Host precisionHost() {
    org.pathlab.model.Precision.Host cpu = org.pathlab.model.Precision.Host.thisCpu();
    if (devices.stream().allMatch(d -> d.kind().equals("cpu"))) return cpu;
    boolean bf16;
    try {
      String capability = ai.djl.util.cuda.CudaUtils.getComputeCapability(0);
      bf16 = capability != null && capability.matches("\\d+") && Integer.parseInt(capability) >= 80;
    } catch (RuntimeException | LinkageError e) {
      bf16 = false; // no CUDA runtime to ask: auto stays fp32, and training on the GPU fails with its own error
    }
    return new org.pathlab.model.Precision.Host(true, bf16, cpu.cpu());
  }

  public Path journalDir() {
    return dataDir.resolve("journal");
  }

  public Path reportsDir() {
    return dataDir.resolve("reports");
  }

  /** {@code pathlab.checkpoint-dir} when set (in a cluster: a directory every node can read), else {@code <data-dir>/checkpoints}. */
  public Path checkpointDir() {
    return sharedCheckpointDir != null ? sharedCheckpointDir : dataDir.resolve("checkpoints");
  }

}
