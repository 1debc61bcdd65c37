package org.pathlab.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/** The API's bearer token: read from its file, or generated into a new file only its owner can read. */
final class ApiToken {

  private ApiToken() {}

  static String ensure(Path file) throws IOException {
    if (Files.exists(file)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        throw new IllegalStateException("the API token file " + file + " can be read by others ("
            + PosixFilePermissions.toString(permissions) + "); run `chmod 600 " + file + "`");
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.length() < 32) {
        throw new IllegalStateException("the API token in " + file + " is shorter than 32 characters; delete the file "
            + "and a new token is generated at the next start");
      }
      return token;
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      // created with 0600 from the start: never readable by others, not even for a moment
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      return ensure(file); // another process wrote it meanwhile
    }
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    return token;
  }
}
