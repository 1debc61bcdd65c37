package org.pathlab.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which browser-borne requests the daemon answers. A web page on another site can make the
 * browser send requests to the daemon (a form post, or a fetch after its DNS name was rebound to
 * 127.0.0.1); two checks stop both:
 *
 * <ul>
 *   <li>{@code Host} must name this daemon: an IP literal (a rebound DNS name never is one),
 *       {@code localhost}, the bound host, or a name the operator allowed. A rebinding page's
 *       requests carry its own name and are refused, so it can read nothing.
 *   <li>A state-changing request (anything but GET, HEAD, OPTIONS) that carries an {@code Origin}
 *       must come from the daemon's own origin: the Origin's host and port equal the Host's. The
 *       dashboard's own requests do; a page elsewhere cannot forge either header. Requests without
 *       {@code Origin} (the CLI, curl) are not browser-borne and pass.
 * </ul>
 */
public final class OriginPolicy {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final Set<String> hosts = new TreeSet<>();

  /** {@code boundHost}: the address the API is bound to; {@code allowedHosts}: further names (a proxy's, the machine's). */
  public OriginPolicy(String boundHost, List<String> allowedHosts) {
    hosts.add("localhost");
    hosts.add(normal(boundHost));
    for (String h : allowedHosts) hosts.add(normal(h));
  }

  /** Why the request must be refused (a sentence for the caller), or empty when it may go on. */
  public Optional<String> refusal(String method, Optional<String> host, Optional<String> origin, Optional<String> fetchSite) {
    if (host.isPresent()) {
      String name = hostName(host.get());
      if (name == null || !allowedHost(name)) {
        return Optional.of("this daemon does not answer to the host name '" + printable(host.get()) + "' (Host header); use "
            + "an IP address or localhost, or add the name to pathlab.http.allowed-hosts if you serve the daemon under it");
      }
    }
    if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) return Optional.empty();
    if (fetchSite.isPresent() && fetchSite.get().equalsIgnoreCase("cross-site")) {
      return Optional.of("a web page of another site may not change this daemon's state (Sec-Fetch-Site: cross-site); "
          + "use the CLI or the dashboard served by the daemon itself");
    }
    if (origin.isPresent()) {
      if (host.isEmpty() || !sameOrigin(origin.get(), host.get())) {
        return Optional.of("a web page of another origin ('" + printable(origin.get()) + "') may not change this daemon's "
            + "state; use the CLI, or the dashboard served by the daemon itself");
      }
    }
    return Optional.empty();
  }

  private boolean allowedHost(String name) {
    return hosts.contains(name) || ipLiteral(name);
  }

  /** The Origin's scheme is http(s) and its authority is the Host header's, host and port alike. */
  private boolean sameOrigin(String origin, String host) {
    try {
      URI uri = new URI(origin.strip());
      if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) return false;
      if (uri.getHost() == null || uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) return false;
      int originPort = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      String hostName = hostName(host);
      int hostPort = hostPort(host);
      return hostName != null && normal(uri.getHost()).equals(hostName) && (hostPort < 0 ? originPort == 80 : originPort == hostPort)
          && allowedHost(hostName);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** The host part of a Host header (brackets of an IPv6 literal removed, lower case), or null if malformed. */
  static String hostName(String host) {
    String h = host.strip();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? null : normal(h.substring(1, end));
    }
    int colon = h.lastIndexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return name.isEmpty() ? null : normal(name);
  }

  private static int hostPort(String host) {
    String h = host.strip();
    int colon = h.lastIndexOf(':');
    if (colon < 0 || h.startsWith("[") && h.lastIndexOf(']') > colon) return -1;
    try {
      return Integer.parseInt(h.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -2;
    }
  }

  private static String normal(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static boolean ipLiteral(String name) {
    if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      for (String part : name.split("\\.")) if (Integer.parseInt(part) > 255) return false;
      return true;
    }
    return name.contains(":") && name.matches("[0-9a-f:.]+");
  }

  /** At most 100 printable ASCII characters of a header, for a message. */
  private static String printable(String s) {
    String p = s.replaceAll("[^\\x20-\\x7e]", "?");
    return p.length() > 100 ? p.substring(0, 100) + "…" : p;
  }
}
