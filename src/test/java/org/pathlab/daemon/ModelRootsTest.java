package org.pathlab.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model root others can write is refused at start-up unless the operator accepts it (issue R). */
class ModelRootsTest {

  @TempDir Path dir;

  private static com.typesafe.config.Config settings(Path root, boolean accept) {
    return ConfigFactory.parseString("model-roots = [\"" + root + "\"]\nmodel-roots-writable-by-others = " + accept);
  }

  @Test
  void aRootTheGroupOrEveryoneCanWriteIsRefusedAndAStickyOrPrivateOneIsNot() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    String m = assertThrows(IllegalArgumentException.class, () -> Settings.modelRoots(settings(shared, false))).getMessage();
    assertTrue(m.startsWith("pathlab.model-roots lists " + shared + ", a folder every account can write (mode 0777)"), m);
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
    String g = assertThrows(IllegalArgumentException.class, () -> Settings.modelRoots(settings(shared, false))).getMessage();
    assertTrue(g.contains("a folder its group can write (mode 0775)"), g);
    assertEquals(List.of(shared), Settings.modelRoots(settings(shared, true)), "the operator may accept it");

    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertEquals(List.of(shared), Settings.modelRoots(settings(shared, false)));
    assertEquals(List.of(Path.of("/tmp")), Settings.modelRoots(settings(Path.of("/tmp"), false)), "sticky: others cannot replace files");
  }
}
