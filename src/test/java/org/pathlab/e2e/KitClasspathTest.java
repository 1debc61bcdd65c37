package org.pathlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlab.testing.DaemonProcess;

/**
 * The device kit (ops/gpu-kit) leaves out the jars a one-host daemon on the H2 journal never loads
 * (Pekko Cluster and what only it needs, PostgreSQL's driver): a daemon on the classpath the kit
 * ships starts, trains, is killed, recovers and finishes. The list is read from ops/gpu-kit itself,
 * so that a class of the daemon's that comes to need a left-out jar fails here, not on a GPU host.
 * (libtorch's jars, which the kit also leaves out for the device's own, stay: this host has no other.)
 */
@Tag("slow")
class KitClasspathTest {

  private static final Pattern EXCLUDED = Pattern.compile("(?m)^excluded_re='([^']+)'$");

  @TempDir Path dir;

  @Test
  void aDaemonWithoutTheJarsTheKitLeavesOutTrainsAndRecovers() throws Exception {
    Matcher m = EXCLUDED.matcher(Files.readString(Path.of("ops/gpu-kit")));
    assertTrue(m.find(), "ops/gpu-kit names the jars it leaves out in excluded_re='…'");
    Pattern excluded = Pattern.compile(m.group(1));
    String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Arrays.asList(full.split(File.pathSeparator));
    List<String> kept = entries.stream().filter(e -> {
      String name = Path.of(e).getFileName().toString();
      return name.startsWith("pytorch-") || !excluded.matcher(name).find();
    }).toList();
    List<String> left = entries.stream().filter(e -> !kept.contains(e)).map(e -> Path.of(e).getFileName().toString()).toList();
    assertTrue(left.stream().anyMatch(n -> n.startsWith("pekko-cluster_")), "the cluster jar is among those left out: " + left);
    assertTrue(left.stream().anyMatch(n -> n.startsWith("postgresql-")), "the PostgreSQL driver is among those left out: " + left);

    Path data = dir.resolve("var");
    String classpath = String.join(File.pathSeparator, kept);
    DaemonProcess daemon = DaemonProcess.start(data, dir.resolve("daemon-0.log"), List.of(), classpath);
    String id = daemon.api().submit("""
        name = kit
        dataset { name = fashion-mnist, train-size = 500, validation-size = 100, test-size = 200 }
        model = small-cnn
        training { learning-rate = 0.01, batch-size = 50, max-epochs = 2, patience = 2 }
        arms = [
          { name = baseline, path = baseline }
          { name = "blur→sharp", path = jump, transform = blur }
        ]
        seeds = [1]
        """);
    daemon.awaitProgress(id, 2);
    daemon.kill();
    daemon = DaemonProcess.start(data, dir.resolve("daemon-1.log"), List.of(), classpath);
    try {
      var detail = daemon.awaitFinished(id);
      assertEquals("finished", detail.path("summary").path("status").asText(), detail.toString());
      for (String log : List.of("daemon-0.log", "daemon-1.log")) {
        String text = Files.readString(dir.resolve(log));
        assertFalse(text.contains("NoClassDefFoundError") || text.contains("ClassNotFoundException"),
            log + " names a missing class:\n" + Arrays.stream(text.split("\n")).filter(l -> l.contains("ClassNotFound") || l.contains("NoClassDef"))
                .collect(Collectors.joining("\n")));
      }
    } finally {
      daemon.stop();
    }
  }
}
