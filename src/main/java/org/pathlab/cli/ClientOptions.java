package org.pathlab.cli;

import picocli.CommandLine.Option;

/** How to reach the daemon; shared by every command that talks to it. */
final class ClientOptions {

  @Option(
      names = "--url",
      defaultValue = "${env:PATHLAB_URL:-http://127.0.0.1:7471}",
      description = "the daemon's address (default: $PATHLAB_URL or ${DEFAULT-VALUE})")
  String url;

  DaemonClient client() {
    return new DaemonClient(url);
  }
}
