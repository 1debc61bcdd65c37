package org.pathlab.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** The API's trust boundary: same-origin and Host checks, the bearer token, and the dashboard's content policy. */
final class Guards extends AllDirectives {

  private final OriginPolicy origins;
  /** "Bearer TOKEN" as bytes, compared in constant time; null when no token is required. */
  private final byte[] expectedAuthorization;
  private final ObjectMapper json;

  Guards(OriginPolicy origins, String token, ObjectMapper json) {
    this.origins = origins;
    this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.json = json;
  }

  /** Refuses foreign Host names, and state changes from pages of another origin ({@link OriginPolicy}). */
  Route sameOrigin(java.util.function.Supplier<Route> inner) {
    return extractRequest(request -> {
      Optional<String> refusal = origins.refusal(request.method().value(),
          request.getHeader("Host").map(h -> h.value()),
          request.getHeader("Origin").map(h -> h.value()),
          request.getHeader("Sec-Fetch-Site").map(h -> h.value()));
      return refusal.isPresent() ? respond(StatusCodes.FORBIDDEN, new Views.Problem(refusal.get(), List.of())) : inner.get();
    });
  }

  /**
   * The web dashboard: static files from the jar (no data in them, so no token; the page asks for
   * one when the API answers 401), under a policy that lets them load nothing from elsewhere.
   */
  Route dashboard() {
    var policy = org.apache.pekko.http.javadsl.model.headers.RawHeader.create("Content-Security-Policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    return get(() -> respondWithHeader(policy, () -> concat(
        pathSingleSlash(() -> getFromResource("web/index.html", ContentTypes.TEXT_HTML_UTF8)),
        pathPrefix("ui", () -> getFromResourceDirectory("web")))));
  }

  /** Lets the request through when no token is required or it carries the right one; 401 otherwise. */
  Route authorized(java.util.function.Supplier<Route> inner) {
    if (expectedAuthorization == null) return inner.get();
    return optionalHeaderValueByName("Authorization", header -> {
      boolean ok = header.isPresent() && java.security.MessageDigest.isEqual(
          expectedAuthorization, header.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (ok) return inner.get();
      return respondWithHeader(org.apache.pekko.http.javadsl.model.headers.RawHeader.create("WWW-Authenticate", "Bearer realm=\"pathlab\""),
          () -> respond(StatusCodes.UNAUTHORIZED, new Views.Problem(header.isPresent()
              ? "wrong API token; use the one in the daemon's token file (pathlab.http.token-file, <data-dir>/api-token)"
              : "this daemon requires an API token: send `Authorization: Bearer TOKEN` (the CLI reads $PATHLAB_TOKEN, "
                  + "--token-file or <data-dir>/api-token)", List.of())));
    });
  }

  boolean tokenHolder(Optional<String> header) {
    return expectedAuthorization == null || header.isPresent() && java.security.MessageDigest.isEqual(
        expectedAuthorization, header.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private Route respond(StatusCode status, Object body) {
    return complete(status, body, Jackson.marshaller(json));
  }
}
