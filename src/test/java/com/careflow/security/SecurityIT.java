package com.careflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.careflow.messaging.Channel;
import com.careflow.messaging.MessageCategory;
import com.careflow.messaging.MessageLog;
import com.careflow.support.TestDatabase;
import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Login and roles over real HTTP on the running application: every route Spring MVC serves is
 * checked against the rules, and the two ways in (configured users, JWTs from an issuer's key).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "careflow.local.zeebe-port=0",
      "careflow.local.kafka-port=0",
      "careflow.twilio.webhook-base-url=" + SecurityIT.PUBLIC_BASE,
      "careflow.security.jwt.roles-claim=realm_access.roles",
      // a context of its own (other users, a JWT key): few connections, closed when done
      "spring.datasource.hikari.maximum-pool-size=3"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SecurityIT {

  static final String PUBLIC_BASE = "https://careflow.example.com";
  static final String VIEWER_PASSWORD = "viewer-" + UUID.randomUUID();

  /** The identity provider's signing key; Careflow is given only the public half. */
  static final KeyPair issuerKey = rsaKey();

  static final Path publicKeyFile = writePublicKey(issuerKey);

  static final WireMockServer twilio =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    TwilioStub.register(registry, twilio);
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.public-key-location",
        () -> publicKeyFile.toUri().toString());
    registry.add("careflow.security.users[0].username", () -> "demo");
    registry.add("careflow.security.users[0].password", () -> "{noop}demo");
    registry.add("careflow.security.users[0].roles[0]", () -> "ADMIN");
    registry.add("careflow.security.users[1].username", () -> "viewer");
    registry.add(
        "careflow.security.users[1].password",
        () -> "{bcrypt}" + new BCryptPasswordEncoder().encode(VIEWER_PASSWORD));
    registry.add("careflow.security.users[1].roles[0]", () -> "VIEWER");
  }

  @AfterAll
  static void stop() throws IOException {
    twilio.stop();
    Files.deleteIfExists(publicKeyFile);
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired MessageLog messageLog;
  @Autowired AuditLog auditLog;

  final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  // ---- the rules, stated independently of SecurityConfiguration

  enum Access {
    OPEN,
    AUTHENTICATED,
    VIEWER,
    ADMIN
  }

  /** Open to anyone (Twilio signs its webhooks; probes and status carry no details). */
  static final List<String> OPEN_PATHS =
      List.of(
          "/api/twilio/*", // R22: the webhooks check Twilio's signature themselves
          "/actuator/health",
          "/actuator/health/liveness",
          "/actuator/health/readiness",
          "/error",
          // Careflow's login page (#17): the form and its messages, no data
          "/login");

  static Access required(String method, String path) {
    for (String open : OPEN_PATHS) {
      if (open.endsWith("/*")
          ? path.startsWith(open.substring(0, open.length() - 1))
          : path.equals(open)) {
        return Access.OPEN;
      }
    }
    if (path.equals("/actuator") || path.startsWith("/actuator/")) {
      return Access.ADMIN;
    }
    if (path.startsWith("/api/admin/") || path.startsWith("/local/")) {
      return Access.ADMIN;
    }
    if (path.startsWith("/api/")) {
      return method.equals("GET") ? Access.VIEWER : Access.ADMIN;
    }
    if ((path.equals("/message-texts") || path.startsWith("/message-texts/"))
        && !method.equals("GET")) {
      return Access.ADMIN; // the dashboard's forms that change message texts (#21)
    }
    return Access.AUTHENTICATED;
  }

  record Route(String method, String pattern, String path, HandlerMethod handler) {
    boolean templated() {
      return !pattern.equals(path);
    }

    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  /** Every route of every Spring MVC handler mapping (controllers, Actuator, error page). */
  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
          mapping.getHandlerMethods().entrySet()) {
        Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
        Set<String> names =
            methods.isEmpty()
                ? Set.of("GET", "POST")
                : methods.stream().map(RequestMethod::name).collect(Collectors.toSet());
        for (String pattern : e.getKey().getPatternValues()) {
          for (String method : names) {
            routes.add(new Route(method, pattern, concrete(pattern), e.getValue()));
          }
        }
      }
    }
    return routes;
  }

  private static String concrete(String pattern) {
    return pattern.replaceAll("\\{[^}]*}", "x").replace("**", "x").replace("*", "x");
  }

  /** A request as the right role sends it, which the handler rejects before doing anything. */
  private HttpRequest.Builder harmless(Route route) {
    if (route.method().equals("GET")) {
      return request(route.path()).GET();
    }
    for (MethodParameter parameter : route.handler().getMethodParameters()) {
      if (parameter.hasParameterAnnotation(RequestBody.class)) {
        return request(route.path())
            .header("Content-Type", "application/json")
            .method(route.method(), HttpRequest.BodyPublishers.ofString("{"));
      }
    }
    for (MethodParameter parameter : route.handler().getMethodParameters()) {
      RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
      if (param != null && parameter.getParameterType() != String.class) {
        parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        String name =
            !param.name().isEmpty()
                ? param.name()
                : !param.value().isEmpty() ? param.value() : parameter.getParameterName();
        assertThat(name).as("parameter name of %s", route).isNotBlank();
        return request(
                route.path()
                    + "?"
                    + name
                    + "=not-a-"
                    + parameter.getParameterType().getSimpleName())
            .method(route.method(), HttpRequest.BodyPublishers.noBody());
      }
    }
    for (MethodParameter parameter : route.handler().getMethodParameters()) {
      if (parameter.hasParameterAnnotation(RequestParam.class)) {
        // a text parameter the handler needs (e.g. the reason for clearing a flag), left out
        return request(route.path()).method(route.method(), HttpRequest.BodyPublishers.noBody());
      }
    }
    return fail(
        "No harmless request known for %s: teach this test one (a body or a parameter the handler rejects with 400)",
        route);
  }

  @TestFactory
  Stream<DynamicTest> everyRouteAnswersEachRoleAsTheRulesSay() {
    List<Route> routes = routes();
    assertThat(routes)
        .extracting(Route::toString)
        .as("the list comes from the handler mappings")
        .contains(
            "GET /api/customers/{customerId}/messages",
            "GET /api/customers/{customerId}/messages.csv", // #17: the message log's CSV
            "GET /api/message-texts.csv", // #17: the message texts' CSVs, VIEWER or ADMIN
            "GET /api/message-texts/{key}/versions.csv",
            "POST /api/twilio/status",
            "POST /local/clock/advance",
            "GET /api/campaigns/test-runs", // #21: the test runs card's API, VIEWER or ADMIN
            "GET /api/campaigns/test-runs.csv",
            "POST /local/campaigns/test-run", // #21: dev only, ADMIN
            "GET /actuator/health");
    List<DynamicTest> tests = new ArrayList<>();
    for (Route route : routes) {
      Access access = required(route.method(), route.path());
      tests.add(
          DynamicTest.dynamicTest(
              route + " needs " + access, () -> assertRouteFollowsTheRules(route, access)));
    }
    // the open probes are not routes of their own (health groups): asserted open by URL
    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      tests.add(
          DynamicTest.dynamicTest(
              "GET " + probe + " is open",
              () -> assertThat(send(request(probe).GET()).statusCode()).isEqualTo(200)));
    }
    return tests.stream();
  }

  private void assertRouteFollowsTheRules(Route route, Access access) {
    if (access == Access.OPEN) {
      HttpRequest.Builder anonymous =
          route.path().startsWith("/api/twilio/")
              ? signedWebhook(route.path(), webhookParams())
              : request(route.path()).method(route.method(), HttpRequest.BodyPublishers.noBody());
      int status = send(anonymous).statusCode();
      assertThat(status).as("%s without credentials", route).isNotIn(401, 403);
      return;
    }
    assertThat(send(harmlessOrAnonymous(route)).statusCode())
        .as("%s without credentials", route)
        .isEqualTo(401);
    HttpRequest.Builder asViewer =
        harmless(route).header("Authorization", basic("viewer", VIEWER_PASSWORD));
    int viewerStatus = send(asViewer).statusCode();
    if (access == Access.ADMIN) {
      assertThat(viewerStatus).as("%s as a viewer", route).isEqualTo(403);
    } else {
      assertAllowed(route, viewerStatus, "as a viewer");
    }
    int adminStatus =
        send(harmless(route).header("Authorization", basic("demo", "demo"))).statusCode();
    assertAllowed(route, adminStatus, "as an admin");
  }

  private HttpRequest.Builder harmlessOrAnonymous(Route route) {
    return request(route.path()).method(route.method(), HttpRequest.BodyPublishers.noBody());
  }

  private static boolean needsParameters(Route route) {
    for (MethodParameter parameter : route.handler().getMethodParameters()) {
      RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
      if (param != null
          && param.required()
          && ValueConstants.DEFAULT_NONE.equals(param.defaultValue())
          && !parameter.isOptional()) {
        return true;
      }
    }
    return false;
  }

  private static void assertAllowed(Route route, int status, String who) {
    if (route.method().equals("GET") && !route.templated() && !needsParameters(route)) {
      assertThat(status).as("%s %s", route, who).isEqualTo(200);
    } else if (route.method().equals("GET") && !route.templated()) {
      // probed without its required parameters (e.g. the breakdown's "by"): let through, then
      // rejected by the handler
      assertThat(status)
          .as("%s %s: let through, rejected by the handler", route, who)
          .isEqualTo(400);
    } else if (route.method().equals("GET")) {
      assertThat(status).as("%s %s", route, who).isNotIn(401, 403);
    } else {
      assertThat(status)
          .as("%s %s: let through, rejected by the handler", route, who)
          .isEqualTo(400);
    }
  }

  @Test
  void healthShowsItsDetailsToAdminsOnly() {
    String anonymous = send(request("/actuator/health").GET()).body();
    String viewer =
        send(request("/actuator/health")
                .header("Authorization", basic("viewer", VIEWER_PASSWORD))
                .GET())
            .body();
    String admin =
        send(request("/actuator/health").header("Authorization", basic("demo", "demo")).GET())
            .body();

    assertThat(anonymous).contains("\"status\"").doesNotContain("components", "diskSpace");
    assertThat(viewer).doesNotContain("components", "diskSpace");
    assertThat(admin).contains("components", "db", "diskSpace");
  }

  // ---- R22: the webhooks keep their own signature check, untouched by login and CSRF

  @Test
  void r22_webhooksAnswer204WithAValidTwilioSignatureAnd403Without() {
    Map<String, String> params = webhookParams();
    assertThat(send(signedWebhook("/api/twilio/status", params)).statusCode()).isEqualTo(204);
    assertThat(
            send(request("/api/twilio/status")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(params))))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send(request("/api/twilio/status")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", "bm90LXRoZS1zaWduYXR1cmU=")
                    .POST(HttpRequest.BodyPublishers.ofString(form(params))))
                .statusCode())
        .isEqualTo(403);
  }

  // ---- JWT from an OIDC provider

  @Test
  void aJwtSignedByTheIssuersKeyIsAcceptedAndItsRolesClaimMapsToCareflowRoles() {
    String viewer =
        jwt(
            Map.of("realm_access", Map.of("roles", List.of("viewer", "offline_access"))),
            Duration.ofMinutes(5),
            issuerKey.getPrivate());
    String admin =
        jwt(
            Map.of("realm_access", Map.of("roles", List.of("ADMIN"))),
            Duration.ofMinutes(5),
            issuerKey.getPrivate());
    String customer = "c-jwt-" + UUID.randomUUID();

    assertThat(
            send(request("/api/customers/" + customer + "/messages")
                    .header("Authorization", "Bearer " + viewer)
                    .GET())
                .statusCode())
        .isEqualTo(200);
    assertThat(
            send(request("/local/clock").header("Authorization", "Bearer " + viewer).GET())
                .statusCode())
        .as("viewer on an admin route")
        .isEqualTo(403);
    assertThat(
            send(request("/local/clock").header("Authorization", "Bearer " + admin).GET())
                .statusCode())
        .isEqualTo(200);
    assertThat(auditLog.findBySubject(customer))
        .singleElement()
        .returns("anna", AuditLog.Entry::actor);
  }

  @Test
  void aJwtWithoutACareflowRoleIsRefused403() {
    String noRoles = jwt(Map.of(), Duration.ofMinutes(5), issuerKey.getPrivate());
    String otherRoles =
        jwt(
            Map.of("realm_access", Map.of("roles", List.of("uma_authorization"))),
            Duration.ofMinutes(5),
            issuerKey.getPrivate());

    for (String token : List.of(noRoles, otherRoles)) {
      assertThat(
              send(request("/api/customers/c-1/messages")
                      .header("Authorization", "Bearer " + token)
                      .GET())
                  .statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void anExpiredJwtOrOneSignedByAnotherKeyIsRefused401() {
    String expired =
        jwt(
            Map.of("realm_access", Map.of("roles", List.of("ADMIN"))),
            Duration.ofMinutes(-10),
            issuerKey.getPrivate());
    String forged =
        jwt(
            Map.of("realm_access", Map.of("roles", List.of("ADMIN"))),
            Duration.ofMinutes(5),
            rsaKey().getPrivate());

    for (String token : List.of(expired, forged, "not-a-jwt")) {
      assertThat(
              send(request("/api/customers/c-1/messages")
                      .header("Authorization", "Bearer " + token)
                      .GET())
                  .statusCode())
          .isEqualTo(401);
    }
  }

  // ---- browser sessions: form login and CSRF

  @Test
  void aFormLoginSessionNeedsTheCsrfTokenForAPost() {
    Map<String, String> cookies = new LinkedHashMap<>();
    String loginToken = csrfTokenOfLoginPage(cookies);
    HttpResponse<String> withoutLoginToken =
        send(
            withCookies(request("/login"), cookies)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(Map.of("username", "demo", "password", "demo")))));
    assertThat(withoutLoginToken.statusCode())
        .as("login form posted without its token")
        .isEqualTo(401);

    HttpResponse<String> login =
        send(
            withCookies(request("/login"), cookies)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(
                            Map.of("username", "demo", "password", "demo", "_csrf", loginToken)))));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location")).get().asString().doesNotContain("error");
    keepCookies(login, cookies);

    String advance = "{\"duration\":\"PT1S\"}";
    HttpResponse<String> withoutToken =
        send(
            withCookies(request("/local/clock/advance"), cookies)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(advance)));
    assertThat(withoutToken.statusCode()).as("session POST without CSRF token").isEqualTo(403);

    String token = csrfTokenOfLoginPage(cookies);
    HttpResponse<String> withToken =
        send(
            withCookies(request("/local/clock/advance"), cookies)
                .header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(advance)));
    assertThat(withToken.statusCode()).as("session POST with CSRF token").isEqualTo(200);
  }

  /**
   * Fault: any request with Basic credentials skipped CSRF, but a browser re-sends cached Basic
   * credentials to a form posted from another site (the Double 11 simulator ran, 202).
   */
  @Test
  void basicCredentialsSentCrossSiteNeedTheCsrfToken_scriptsAndBearerTokensDoNot() {
    String advance = "{\"duration\":\"PT1S\"}";
    java.util.function.Supplier<HttpRequest.Builder> basicPost =
        () ->
            request("/local/clock/advance")
                .header("Authorization", basic("demo", "demo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(advance));

    assertThat(send(basicPost.get().header("Origin", "http://evil.example")).statusCode())
        .as("Basic with a cross-site Origin, no token")
        .isEqualTo(403);
    assertThat(send(basicPost.get().header("Sec-Fetch-Site", "cross-site")).statusCode())
        .as("Basic with Sec-Fetch-Site: cross-site, no token")
        .isEqualTo(403);
    assertThat(
            send(request("/local/simulator/double11?customers=1&orders=0&timeLapse=false")
                    .header("Authorization", basic("demo", "demo"))
                    .header("Origin", "http://evil.example")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode())
        .as("the cross-site form POST of the walk-through")
        .isEqualTo(403);

    assertThat(send(basicPost.get()).statusCode()).as("a script's Basic POST").isEqualTo(200);
    assertThat(
            send(basicPost
                    .get()
                    .header("Origin", "http://localhost:" + port)
                    .header("Sec-Fetch-Site", "same-origin"))
                .statusCode())
        .as("Basic from the same origin")
        .isEqualTo(200);

    String admin =
        jwt(
            Map.of("realm_access", Map.of("roles", List.of("ADMIN"))),
            Duration.ofMinutes(5),
            issuerKey.getPrivate());
    assertThat(
            send(request("/local/clock/advance")
                    .header("Authorization", "Bearer " + admin)
                    .header("Origin", "http://evil.example")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(advance)))
                .statusCode())
        .as("a Bearer token: no browser adds it by itself")
        .isEqualTo(200);
  }

  @Test
  void aBrowserAskingForAPageIsSentToTheLoginForm_aScriptGets401() {
    HttpResponse<String> page = send(request("/").header("Accept", "text/html").GET());
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).get().asString().endsWith("/login");

    HttpResponse<String> api = send(request("/api/customers/c-1/messages").GET());
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
  }

  /**
   * Walk-through fault: a {@code ?lang=zh-CN} link opened while logged out landed on an English
   * login page. The language goes on to the login form, and after the login the browser lands on
   * the page it asked for, in that language.
   */
  @Test
  void aPageAskedInChineseWhileLoggedOutShowsTheChineseLoginThenThatPageInChinese() {
    Map<String, String> cookies = new LinkedHashMap<>();
    HttpResponse<String> page =
        send(
            request("/journeys?journey=order-journey&lang=zh-CN")
                .header("Accept", "text/html")
                .header("Accept-Language", "en")
                .GET());
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location"))
        .get()
        .asString()
        .endsWith("/login?lang=zh-CN");
    keepCookies(page, cookies);

    HttpResponse<String> loginPage =
        send(
            withCookies(request("/login?lang=zh-CN"), cookies)
                .header("Accept", "text/html")
                .header("Accept-Language", "en")
                .GET());
    assertThat(loginPage.statusCode()).isEqualTo(200);
    assertThat(loginPage.body()).contains("lang=\"zh-CN\"", "<h1>登录</h1>");
    keepCookies(loginPage, cookies);
    Matcher m = CSRF_INPUT.matcher(loginPage.body());
    assertThat(m.find()).isTrue();

    HttpResponse<String> login =
        send(
            withCookies(request("/login"), cookies)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "en")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(
                            Map.of("username", "demo", "password", "demo", "_csrf", m.group(1))))));
    assertThat(login.statusCode()).isEqualTo(302);
    String back = login.headers().firstValue("Location").orElseThrow();
    assertThat(back).contains("/journeys?", "journey=order-journey", "lang=zh-CN");
    keepCookies(login, cookies);

    HttpResponse<String> journey =
        send(
            withCookies(request(back.replaceFirst("^https?://[^/]+", "")), cookies)
                .header("Accept", "text/html")
                .header("Accept-Language", "en")
                .GET());
    assertThat(journey.statusCode()).isEqualTo(200);
    assertThat(journey.body()).contains("lang=\"zh-CN\"", "旅程");
  }

  // ---- the message log: audited, coupon codes for admins only

  @Test
  void everyReadOfAMessageLogIsAuditedWithWhoWhichCustomerWhenAndFromWhere() {
    String customer = "c-audit-" + UUID.randomUUID();
    Instant before = Instant.now().minusSeconds(1);

    send(
        request("/api/customers/" + customer + "/messages")
            .header("Authorization", basic("viewer", VIEWER_PASSWORD))
            .GET());
    send(
        request("/api/customers/" + customer + "/messages")
            .header("Authorization", basic("demo", "demo"))
            .GET());
    send(request("/api/customers/" + customer + "/messages").GET()); // refused: 401, nothing read

    assertThat(auditLog.findBySubject(customer))
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.action()).isEqualTo(AuditLog.READ_CUSTOMER_MESSAGES);
              assertThat(e.subject()).isEqualTo(customer);
              assertThat(e.remoteAddress()).isNotBlank();
              assertThat(e.occurredAt()).isAfterOrEqualTo(before);
            })
        .extracting(AuditLog.Entry::actor)
        .containsExactly("viewer", "demo");
  }

  @Test
  void aViewerSeesCouponCodesRedacted_anAdminSeesThem() {
    String customer = "c-coupon-" + UUID.randomUUID();
    messageLog.recordAttempt(
        new MessageLog.Attempt(
            "sk-" + customer,
            customer,
            "o-coupon-1",
            1L,
            "Activity_Send",
            "holiday-offer",
            MessageCategory.MARKETING,
            Channel.SMS,
            "For Double 11, a gift from us: coupon CFQ7RT2KX9. Order o-coupon-1."));
    String path = "/api/customers/" + customer + "/messages";

    String asViewer =
        send(request(path).header("Authorization", basic("viewer", VIEWER_PASSWORD)).GET()).body();
    String asViewerByJwt =
        send(request(path)
                .header(
                    "Authorization",
                    "Bearer "
                        + jwt(
                            Map.of("realm_access", Map.of("roles", List.of("VIEWER"))),
                            Duration.ofMinutes(5),
                            issuerKey.getPrivate()))
                .GET())
            .body();
    String asAdmin =
        send(request(path).header("Authorization", basic("demo", "demo")).GET()).body();

    assertThat(asViewer)
        .doesNotContain("CFQ7RT2KX9")
        .contains("coupon CF********. Order o-coupon-1.");
    assertThat(asViewerByJwt).doesNotContain("CFQ7RT2KX9").contains("CF********");
    assertThat(asAdmin).contains("coupon CFQ7RT2KX9. Order o-coupon-1.");
  }

  // ---- helpers

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static Map<String, String> webhookParams() {
    return Map.of(
        "MessageSid",
        "SM-security-it",
        "MessageStatus",
        "delivered",
        "From",
        "+15005550001",
        "Body",
        "hello");
  }

  /** A webhook as Twilio posts it: HMAC-SHA1 over the public URL and the sorted parameters. */
  HttpRequest.Builder signedWebhook(String path, Map<String, String> params) {
    StringBuilder data = new StringBuilder(PUBLIC_BASE + path);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    String signature;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(
          new SecretKeySpec(TwilioStub.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      signature =
          Base64.getEncoder()
              .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(form(params)));
  }

  private static final Pattern CSRF_INPUT =
      Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  String csrfTokenOfLoginPage(Map<String, String> cookies) {
    HttpResponse<String> page =
        send(withCookies(request("/login"), cookies).header("Accept", "text/html").GET());
    assertThat(page.statusCode()).isEqualTo(200);
    keepCookies(page, cookies);
    Matcher m = CSRF_INPUT.matcher(page.body());
    assertThat(m.find()).as("the login page carries a CSRF token").isTrue();
    return m.group(1);
  }

  static HttpRequest.Builder withCookies(HttpRequest.Builder request, Map<String, String> cookies) {
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    return request;
  }

  static void keepCookies(HttpResponse<?> response, Map<String, String> cookies) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
  }

  /** A token as the identity provider issues it: name "anna", the given claims, signed RS256. */
  static String jwt(Map<String, Object> claims, Duration validFor, PrivateKey key) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder builder =
        new JWTClaimsSet.Builder()
            .subject("3f9c1a2e-sub")
            .claim("preferred_username", "anna")
            .issueTime(Date.from(now.minus(Duration.ofMinutes(30))))
            .expirationTime(Date.from(now.plus(validFor)));
    claims.forEach(builder::claim);
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path writePublicKey(KeyPair key) {
    try {
      Path file = Files.createTempFile("careflow-test-issuer", ".pub");
      Files.writeString(
          file,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(key.getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
