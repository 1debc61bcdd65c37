package org.pathlab.cli;

import picocli.CommandLine.Option;

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
  java.nio.file.Path tokenFile;

  DaemonClient client() {
    return new DaemonClient(url, token());
  }

  private String token() {
    if (tokenFile != null) {
      try {
        return java.nio.file.Files.readString(tokenFile).strip();
      } catch (java.io.IOException e) {
        throw new CliException(ExitCodes.USAGE, "cannot read the token file " + tokenFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv("PATHLAB_TOKEN");
    if (env != null && !env.isBlank()) return env.strip();
    String home = System.getenv("PATHLAB_HOME");
    java.nio.file.Path file = java.nio.file.Path.of(home == null || home.isBlank() ? "var" : home, "api-token");
    try {
      return java.nio.file.Files.isReadable(file) ? java.nio.file.Files.readString(file).strip() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
