package org.pathlab.cli;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code --url} checked before use: an http(s) address with a host, e.g. http://127.0.0.1:7471, and
 * no user or password in it (the API takes a token); a password given there is never echoed.
 */
final class DaemonUrl {

  private DaemonUrl() {}

  /** The address as messages may show it: any user and password replaced by "…". */
  static String shown(String url) {
    return url == null ? null : url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", "$1…@");
  }

  static String check(String url) {
    String raw = url;
    url = shown(url);
    String hint = "; give the daemon's address, e.g. --url http://127.0.0.1:7471";
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new CliException(ExitCodes.USAGE, "--url " + url + " is not an address (" + e.getReason() + " at character "
          + (e.getIndex() + 1) + ")" + hint);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new CliException(ExitCodes.USAGE, "--url " + url + " is not an http:// or https:// address" + hint);
    }
    if (uri.getRawUserInfo() != null) {
      throw new CliException(ExitCodes.USAGE, "--url " + url + " names a user (and perhaps a password); the daemon takes an API "
          + "token (--token-file, $PATHLAB_TOKEN), never a password in its address" + hint);
    }
    if (uri.getHost() == null) throw new CliException(ExitCodes.USAGE, "--url " + url + " names no host" + hint);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new CliException(ExitCodes.USAGE, "--url " + url + " has a query or fragment; the daemon's address has neither" + hint);
    }
    return raw;
  }
}
