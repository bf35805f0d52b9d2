package com.careflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsUtils;

/**
 * The requests that need no CSRF token because no browser could have sent them on behalf of another
 * site: those with an {@code Authorization: Bearer} token (a browser never adds one by itself), and
 * those with {@code Authorization: Basic} that carry none of a browser's cross-site signs.
 *
 * <p>A browser re-sends cached Basic credentials on its own, to a form posted from any site; so
 * Basic alone proves nothing. Such a request is treated as cross-site, and must carry the CSRF
 * token, when any of these holds:
 *
 * <ul>
 *   <li>{@code Sec-Fetch-Site} is present and is not {@code same-origin} or {@code none} (a sibling
 *       subdomain, {@code same-site}, counts as another site);
 *   <li>{@code Origin} is present and is not this server's own origin (scheme, host and port as
 *       Spring's {@link CorsUtils#isCorsRequest} compares them; {@code Origin: null} included);
 *   <li>neither is present but {@code Referer} names another origin (older browsers).
 * </ul>
 *
 * A script ({@code curl -u user:password}, an HTTP client) sends none of these headers and keeps
 * working without a token; a same-origin page's own request does too.
 */
final class ScriptRequests implements RequestMatcher {

  static final ScriptRequests INSTANCE = new ScriptRequests();

  private ScriptRequests() {}

  @Override
  public boolean matches(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null) {
      return false;
    }
    String scheme = authorization.strip().toLowerCase(Locale.ROOT);
    if (scheme.startsWith("bearer ")) {
      return true;
    }
    return scheme.startsWith("basic ") && !mayBeCrossSite(request);
  }

  /** Whether a browser may have sent this request on another site's behalf. */
  static boolean mayBeCrossSite(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null) {
      String site = fetchSite.strip().toLowerCase(Locale.ROOT);
      if (!site.equals("same-origin") && !site.equals("none")) {
        return true;
      }
    }
    if (request.getHeader(HttpHeaders.ORIGIN) != null) {
      return CorsUtils.isCorsRequest(request);
    }
    String referer = request.getHeader(HttpHeaders.REFERER);
    if (fetchSite == null && referer != null) {
      return !sameOrigin(request, referer);
    }
    return false;
  }

  private static boolean sameOrigin(HttpServletRequest request, String referer) {
    try {
      URI uri = URI.create(referer.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return false;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
      return uri.getScheme().equalsIgnoreCase(request.getScheme())
          && uri.getHost().equalsIgnoreCase(request.getServerName())
          && port == request.getServerPort();
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}
