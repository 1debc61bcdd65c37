package org.pathlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How to reach the daemon; shared by every command that talks to it. */
final class ClientOptions {

  @Option(
      names = "--url",
      defaultValue = "${env:PATHLAB_URL:-http://127.0.0.1:7471}",
      description = "the daemon's address (default: $PATHLAB_URL or ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = "--token-file",
      description = "the file with the daemon's API token, needed when the daemon requires one "
          + "(default: $PATHLAB_TOKEN, else $PATHLAB_HOME/api-token or var/api-token when it exists)")
  Path tokenFile;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  /** A token is 64 characters or so; a larger file is the wrong one. */
  private static final long MAX_BYTES = 4096;

  DaemonClient client() {
    return new DaemonClient(DaemonUrl.check(url), token());
  }

  private String token() {
    if (tokenFile != null) return read(tokenFile, "--token-file");
    String env = System.getenv("PATHLAB_TOKEN");
    if (env != null && !env.isBlank()) return check(env.strip(), "$PATHLAB_TOKEN", "; set it to the daemon's token (<data-dir>/api-token)");
    String home = System.getenv("PATHLAB_HOME");
    Path file = Path.of(home == null || home.isBlank() ? "var" : home, "api-token");
    // the default file is used when it is there; a daemon on loopback may well require no token
    return Files.isRegularFile(file) && Files.isReadable(file) ? read(file, "the token file") : null;
  }

  private String read(Path file, String what) {
    String hint = "; give the file the daemon wrote its token to (<data-dir>/api-token)";
    if (Files.isDirectory(file)) throw new CliException(ExitCodes.USAGE, what + " " + file + " is a directory" + hint);
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new CliException(ExitCodes.USAGE, what + " " + file + " is not a regular file" + hint);
    }
    String token;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new CliException(ExitCodes.USAGE, "the token file " + file + " is " + Files.size(file) + " bytes, no token" + hint);
      }
      token = Files.readString(file).strip();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CliException(ExitCodes.USAGE, "the token file " + file + " holds no token (it is not text)" + hint);
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read the token file " + file + ": " + FileErrors.reason(e) + hint);
    }
    if (token.isEmpty()) throw new CliException(ExitCodes.USAGE, "the token file " + file + " is empty" + hint);
    warnIfOthersCanRead(file);
    return check(token, "the token file " + file, hint);
  }

  /** A token goes into an HTTP header: printable ASCII without spaces, as the daemon makes them. */
  private static String check(String token, String where, String hint) {
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new CliException(ExitCodes.USAGE, where + " holds no single token (it has spaces, several lines or "
          + "characters other than printable ASCII)" + hint);
    }
    return token;
  }

  /** The daemon refuses a token file others can read; the CLI uses one, but says so (issue R, Observed 16). */
  private void warnIfOthersCanRead(Path file) {
    int mode;
    try {
      mode = (Integer) Files.getAttribute(file, "unix:mode");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return;
    }
    if ((mode & 0044) != 0 && spec != null) {
      spec.commandLine().getErr().printf("warning: the token file %s can be read by %s (mode %04o): whoever reads it can use the"
          + " daemon as you; chmod 600 it%n", file, (mode & 0004) != 0 ? "every account" : "its group", mode & 07777);
    }
  }
}
