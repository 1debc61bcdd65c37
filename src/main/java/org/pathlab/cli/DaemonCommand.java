package org.pathlab.cli;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pathlab.daemon.Daemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "daemon", description = "Run the daemon in the foreground until stopped (SIGTERM or Ctrl-C).")
final class DaemonCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;

  @Option(names = "--data-dir", description = "journal, checkpoints and reports (default: pathlab.data-dir, ./var)")
  Path dataDir;

  @Option(names = "--port", description = "HTTP port (default: pathlab.http.port, 7471; 0 picks a free one)")
  Integer port;

  @Override
  public Integer call() throws Exception {
    if (port != null && (port < 0 || port > 65535)) {
      throw new CliException(ExitCodes.USAGE, "--port " + port + " is no TCP port; give 1 to 65535, or 0 to pick a free one");
    }
    if (dataDir != null) OutputDirectory.check(dataDir, "--data-dir");
    Map<String, Object> overrides = new HashMap<>();
    if (dataDir != null) overrides.put("pathlab.data-dir", dataDir.toAbsolutePath().toString());
    if (port != null) overrides.put("pathlab.http.port", port);
    Daemon daemon;
    try {
      daemon = Daemon.start(ConfigFactory.parseMap(overrides));
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.DAEMON_ERROR, e.getMessage());
    } catch (com.typesafe.config.ConfigException e) {
      throw new CliException(ExitCodes.USAGE, "configuration: " + e.getMessage());
    }
    // the devices it found: DJL's own GPU probe is quiet on a machine without one (conf/logback.xml)
    String devices = String.join(", ", daemon.settings().devices().stream().map(d -> d.name()).toList());
    parent.out.printf("pathlab daemon serving http://%s:%d (data in %s; devices: %s)%n",
        daemon.settings().host(), daemon.port(), daemon.settings().dataDir(), devices);
    parent.out.flush();
    daemon.awaitTermination();
    return ExitCodes.OK;
  }
}
