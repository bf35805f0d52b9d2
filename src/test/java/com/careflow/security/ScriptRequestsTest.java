package com.careflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Fault: CSRF was skipped for any request with {@code Authorization: Basic}, which a browser
 * re-sends on its own to a form posted from another site. A request a browser could have sent
 * cross-site needs the token whatever its credentials; scripts and Bearer tokens do not.
 */
class ScriptRequestsTest {

  private static MockHttpServletRequest post(String authorization) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/local/clock/advance");
    request.setScheme("http");
    request.setServerName("localhost");
    request.setServerPort(8081);
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    return request;
  }

  @Test
  @DisplayName("curl -u (Basic, no browser headers) needs no token")
  void aScriptsBasicRequestNeedsNoToken() {
    assertThat(ScriptRequests.INSTANCE.matches(post("Basic ZGVtbzpkZW1v"))).isTrue();
  }

  @Test
  void basicWithAForeignOriginNeedsTheToken() {
    var request = post("Basic ZGVtbzpkZW1v");
    request.addHeader("Origin", "http://evil.example");
    assertThat(ScriptRequests.INSTANCE.matches(request)).isFalse();

    var nullOrigin = post("Basic ZGVtbzpkZW1v");
    nullOrigin.addHeader("Origin", "null");
    assertThat(ScriptRequests.INSTANCE.matches(nullOrigin)).as("sandboxed frame").isFalse();
  }

  @Test
  void basicWithACrossSiteOrSameSiteFetchNeedsTheToken() {
    for (String site : new String[] {"cross-site", "same-site", "CROSS-SITE"}) {
      var request = post("Basic ZGVtbzpkZW1v");
      request.addHeader("Sec-Fetch-Site", site);
      assertThat(ScriptRequests.INSTANCE.matches(request)).as(site).isFalse();
    }
  }

  @Test
  void basicFromAForeignRefererWithoutOriginNeedsTheToken() {
    var request = post("Basic ZGVtbzpkZW1v");
    request.addHeader("Referer", "http://evil.example/page.html");
    assertThat(ScriptRequests.INSTANCE.matches(request)).isFalse();
  }

  @Test
  void basicFromTheSameOriginNeedsNoToken() {
    var origin = post("Basic ZGVtbzpkZW1v");
    origin.addHeader("Origin", "http://localhost:8081");
    origin.addHeader("Sec-Fetch-Site", "same-origin");
    assertThat(ScriptRequests.INSTANCE.matches(origin)).isTrue();

    var referer = post("Basic ZGVtbzpkZW1v");
    referer.addHeader("Referer", "http://localhost:8081/dashboard");
    assertThat(ScriptRequests.INSTANCE.matches(referer)).isTrue();

    var otherPort = post("Basic ZGVtbzpkZW1v");
    otherPort.addHeader("Origin", "http://localhost:9999");
    assertThat(ScriptRequests.INSTANCE.matches(otherPort)).as("another port").isFalse();
  }

  @Test
  void aBearerTokenNeedsNoTokenEvenCrossSite() {
    var request = post("Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig");
    request.addHeader("Origin", "http://evil.example");
    request.addHeader("Sec-Fetch-Site", "cross-site");
    assertThat(ScriptRequests.INSTANCE.matches(request)).isTrue();
  }

  @Test
  void noCredentialsOrAnotherSchemeNeedsTheToken() {
    assertThat(ScriptRequests.INSTANCE.matches(post(null))).isFalse();
    assertThat(ScriptRequests.INSTANCE.matches(post("Digest username=demo"))).isFalse();
  }
}
