package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.local.LocalStack;
import com.careflow.messagestatus.MessageStatus;
import com.careflow.security.AuditLog;
import com.careflow.support.RecordLog;
import com.careflow.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.protocol.record.value.ErrorType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Message texts as operations' data (issue #21, finding 3), on the running application: the JSON
 * API's roles, CSRF and refusals (R12, R14/R21, placeholders), and an edit published through the
 * API used by the very next send through the engine, without a restart, with the version in the
 * message log; a send whose placeholder the journey does not fill is an incident and an ERROR row.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"careflow.local.zeebe-port=0", "careflow.local.kafka-port=0"})
class MessageTextsIT {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  static final String VIEWER_PASSWORD = "viewer-texts";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    registry.add("careflow.security.users[0].username", () -> "demo");
    registry.add("careflow.security.users[0].password", () -> "{noop}demo");
    registry.add("careflow.security.users[0].roles[0]", () -> "ADMIN");
    registry.add("careflow.security.users[1].username", () -> "viewer");
    registry.add(
        "careflow.security.users[1].password",
        () -> "{bcrypt}" + new BCryptPasswordEncoder().encode(VIEWER_PASSWORD));
    registry.add("careflow.security.users[1].roles[0]", () -> "VIEWER");
  }

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired LocalStack localStack;
  @Autowired CustomerProfiles customers;
  @Autowired MessageLog messageLog;
  @Autowired AuditLog auditLog;

  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  final ObjectMapper json = new ObjectMapper();

  // ------------------------------------------------------------------ roles and CSRF

  @Test
  void viewersReadTextsAndTheirPlaceholdersAdminsChangeThemAnonymousGetsNothing() throws Exception {
    HttpResponse<String> list = send(get("/api/message-texts").header("Authorization", viewer()));
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode shipment = keyIn(json.readTree(list.body()), "shipment-notice");
    assertThat(shipment.path("placeholders").toString())
        .as("placeholders from the order journey's shipment step")
        .contains("carrier", "orderId", "trackingNumber");
    assertThat(shipment.path("steps").toString()).contains("order-journey");
    assertThat(shipment.path("locales").toString()).contains("\"en\"", "\"zh-CN\"");

    HttpResponse<String> preview =
        send(get("/api/message-texts/shipment-notice/preview").header("Authorization", viewer()));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(json.readTree(preview.body()).path("published").path("zh-CN").asText())
        .as("rendered with sample values in each locale")
        .contains("顺丰速运", "SF1234567890")
        .doesNotContain("{");

    assertThat(
            send(draft("care-message", "en", "Your order {orderId} arrived.")
                    .header("Authorization", viewer()))
                .statusCode())
        .isEqualTo(403);
    assertThat(send(get("/api/message-texts")).statusCode()).isEqualTo(401);
    assertThat(send(draft("care-message", "en", "Your order {orderId} arrived.")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void aBrowserSessionNeedsTheCsrfTokenToChangeATextAndTheFormsCarryIt() throws Exception {
    String session = login("demo", "demo");
    HttpResponse<String> without =
        send(draft("care-message", "en", "Order {orderId} is with you.").header("Cookie", session));
    assertThat(without.statusCode()).as("session without CSRF token").isEqualTo(403);

    HttpResponse<String> page =
        send(
            get("/message-texts/care-message")
                .header("Cookie", session)
                .header("Accept", "text/html"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("{orderId}", "order-journey");
    String token = csrf(page.body());

    HttpResponse<String> with =
        send(
            draft("care-message", "en", "Order {orderId} is with you.")
                .header("Cookie", session)
                .header("X-CSRF-TOKEN", token));
    assertThat(with.statusCode()).isEqualTo(200);
    int version = json.readTree(with.body()).path("version").asInt();
    assertThat(auditLog.findBySubject(MessageTexts.subject("care-message", "en", version)))
        .extracting(AuditLog.Entry::actor, AuditLog.Entry::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("demo", MessageTexts.AUDIT_SAVE_DRAFT));
  }

  @Test
  void aViewerSessionSeesThePageWithoutFormsAndCannotPostThem() throws Exception {
    String session = login("viewer", VIEWER_PASSWORD);
    HttpResponse<String> page =
        send(
            get("/message-texts/review-thanks")
                .header("Cookie", session)
                .header("Accept", "text/html"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("/draft\"").contains("review-thanks");
    String token = csrf(send(get("/login")).body());
    HttpResponse<String> post =
        send(
            HttpRequest.newBuilder(uri("/message-texts/review-thanks/en/draft"))
                .header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("text", "Thanks!", "_csrf", token))));
    assertThat(post.statusCode()).isEqualTo(403);
  }

  // ------------------------------------------------------------------ refusals

  @Test
  @DisplayName(
      "R12: a review text with a forbidden phrase is refused at publish, naming template, locale and phrase")
  void r12_aForbiddenReviewPhraseIsRefusedAtPublish() throws Exception {
    HttpResponse<String> saved =
        send(
            draft("review-invite", "zh-CN", "订单 {orderId} 已签收，好评返现5元！")
                .header("Authorization", admin()));
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(json.readTree(saved.body()).path("check").path("problems").toString())
        .as("the draft is saved, its problems shown")
        .contains("R12");

    HttpResponse<String> refused = publish("review-invite", "zh-CN", null, false);
    assertThat(refused.statusCode()).isEqualTo(422);
    JsonNode body = json.readTree(refused.body());
    assertThat(body.path("problems").get(0).asText())
        .contains("review-invite", "zh-CN", "'好评返现'", "rule R12");
    JsonNode detail = body.path("problemDetails").get(0);
    assertThat(detail.path("key").asText())
        .as("the reason's key and arguments beside the English sentence")
        .isEqualTo("texts.check.FORBIDDEN_PHRASE");
    assertThat(detail.path("arguments").toString()).isEqualTo("[\"好评返现\"]");
    assertThat(detail.path("text").asText()).isEqualTo(body.path("problems").get(0).asText());
    assertThat(published("review-invite", "zh-CN")).isEqualTo(1);
  }

  @Test
  @DisplayName("R14, R21: a thank-you or apology text that promotes is refused at publish")
  void r14_r21_promotionInThanksOrApologyIsRefusedAtPublish() throws Exception {
    send(
        draft("review-thanks", "en", "Thanks for order {orderId}! Our big sale starts tomorrow.")
            .header("Authorization", admin()));
    HttpResponse<String> thanks = publish("review-thanks", "en", null, false);
    assertThat(thanks.statusCode()).isEqualTo(422);
    assertThat(thanks.body()).contains("review-thanks (en)", "'sale'", "R14/R21");

    send(
        draft("logistics-apology", "zh-CN", "抱歉，订单 {orderId} 物流延误。限时秒杀进行中！")
            .header("Authorization", admin()));
    HttpResponse<String> apology = publish("logistics-apology", "zh-CN", null, false);
    assertThat(apology.statusCode()).isEqualTo(422);
    assertThat(apology.body()).contains("logistics-apology (zh-CN)", "'限时'", "R14/R21");
  }

  @Test
  void aPlaceholderTheJourneyNeverFillsIsRefusedAtPublishNamingTheStep() throws Exception {
    HttpResponse<String> saved =
        send(
            draft("care-message", "zh-CN", "亲，订单 {orderId} 已送达，快递员 {courierName} 祝您愉快。")
                .header("Authorization", admin()));
    int version = json.readTree(saved.body()).path("version").asInt();
    HttpResponse<String> refused = publish("care-message", "zh-CN", null, false);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json.readTree(refused.body()).path("problems").get(0).asText())
        .contains("care-message (zh-CN)", "{courierName}", "never filled", "order-journey");
    assertThat(auditLog.findBySubject(MessageTexts.subject("care-message", "zh-CN", version)))
        .extracting(AuditLog.Entry::action)
        .contains(MessageTexts.AUDIT_REFUSED);
  }

  @Test
  void badInputGetsAClearErrorAndNothingIsSaved() throws Exception {
    assertThat(send(draft("care-message", "en", "   ").header("Authorization", admin())).body())
        .contains("empty");
    assertThat(
            send(draft("care-message", "not a locale!", "Hi").header("Authorization", admin()))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            send(draft("no-such-text", "en", "Hi").header("Authorization", admin())).statusCode())
        .isEqualTo(404);
    assertThat(publish("care-message", "en", 99, false).statusCode()).isEqualTo(404);
  }

  // ------------------------------------------------------------------ sends

  @Test
  void anEditPublishedThroughTheApiIsUsedByTheNextSendWithoutARestart() throws Exception {
    buyer("c-texts-1", "+8613700137101");
    long first = deliver("c-texts-1", "o-texts-1", "payment-reminder-returning", Map.of());
    MessageLog.Entry before = awaitSent("c-texts-1", 1);
    assertThat(before.body()).contains("o-texts-1").doesNotContain("Hi again!");
    assertThat(before.textLocale()).isEqualTo("en");
    int versionBefore = before.textVersion();
    assertThat(first).isPositive();

    String edited = "Hi again! Order {orderId} is saved for you - pay when ready.";
    HttpResponse<String> saved =
        send(draft("payment-reminder-returning", "en", edited).header("Authorization", admin()));
    assertThat(saved.statusCode()).isEqualTo(200);
    HttpResponse<String> published = publish("payment-reminder-returning", "en", null, false);
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    int version = json.readTree(published.body()).path("version").asInt();
    assertThat(version).isGreaterThan(versionBefore);

    deliver("c-texts-1", "o-texts-2", "payment-reminder-returning", Map.of());
    MessageLog.Entry after = awaitSent("c-texts-1", 2);
    assertThat(after.body())
        .isEqualTo("Hi again! Order o-texts-2 is saved for you - pay when ready.");
    assertThat(after.textVersion()).isEqualTo(version);
    assertThat(after.textLocale()).isEqualTo("en");

    // the customer's message log (API) shows which text version each send used
    HttpResponse<String> log =
        send(get("/api/customers/c-texts-1/messages").header("Authorization", admin()));
    assertThat(log.body()).contains("\"textVersion\":" + version);
  }

  @Test
  void aSendWhosePlaceholderTheJourneyLeftEmptyIsAnIncidentAndAnErrorInTheMessageLog() {
    buyer("c-texts-2", "+8613700137102");
    // a shipment notice started without carrier and tracking number
    long delivery = deliver("c-texts-2", "o-texts-3", "shipment-notice", Map.of());

    await().atMost(EVENTUALLY).until(() -> !records().openIncidents(delivery).isEmpty());
    IncidentRecordValue incident = records().openIncidents(delivery).getFirst();
    assertThat(incident.getErrorType()).isEqualTo(ErrorType.JOB_NO_RETRIES);
    assertThat(incident.getErrorMessage()).contains("shipment-notice", "'carrier'");
    assertThat(messageLog.findByCustomer("c-texts-2"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(MessageStatus.ERROR);
              assertThat(e.errorMessage())
                  .contains("shipment-notice (en, version 1)", "'carrier'", "'trackingNumber'");
              assertThat(e.textVersion()).isEqualTo(1);
              assertThat(e.messageSid()).isNull();
            });
  }

  // ------------------------------------------------------------------ helpers

  private int published(String key, String locale) throws IOException {
    HttpResponse<String> r =
        send(get("/api/message-texts/" + key + "/" + locale).header("Authorization", admin()));
    return json.readTree(r.body()).path("publishedVersion").asInt();
  }

  private MessageLog.Entry awaitSent(String customerId, int count) {
    await()
        .atMost(EVENTUALLY)
        .until(
            () ->
                messageLog.findByCustomer(customerId).stream()
                        .filter(e -> e.messageSid() != null)
                        .count()
                    >= count);
    return messageLog.findByCustomer(customerId).stream()
        .filter(e -> e.messageSid() != null)
        .toList()
        .get(count - 1);
  }

  /** A buyer for whom it is midday now, so quiet hours never hold the message. */
  private void buyer(String customerId, String phone) {
    LocalTime utc = Instant.now().atZone(ZoneOffset.UTC).toLocalTime();
    int minutes =
        Math.floorMod(12 * 60 - (utc.getHour() * 60 + utc.getMinute()) + 12 * 60, 24 * 60)
            - 12 * 60;
    customers.upsertProfile(
        new Customer(
            customerId,
            "Han Meimei",
            phone,
            "en",
            ZoneOffset.ofTotalSeconds(minutes * 60).getId(),
            null,
            true,
            0));
  }

  private long deliver(
      String customerId, String orderId, String templateKey, Map<String, Object> extra) {
    Map<String, Object> variables = new java.util.HashMap<>(extra);
    variables.put("orderId", orderId);
    return camunda
        .newCreateInstanceCommand()
        .bpmnProcessId("message-delivery")
        .latestVersion()
        .variables(
            Map.of(
                "customerId",
                customerId,
                "orderId",
                orderId,
                "templateKey",
                templateKey,
                "category",
                "TRANSACTIONAL",
                "channel",
                "SMS",
                "templateVariables",
                variables))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private RecordLog records() {
    return RecordLog.of(localStack.engine().getRecordStreamSource());
  }

  private static JsonNode keyIn(JsonNode list, String key) {
    for (JsonNode k : list) {
      if (k.path("key").asText().equals(key)) {
        return k;
      }
    }
    throw new AssertionError("no key " + key + " in " + list);
  }

  private String login(String user, String password) {
    HttpResponse<String> page = send(get("/login"));
    String cookie = cookie(page);
    HttpResponse<String> in =
        send(
            HttpRequest.newBuilder(uri("/login"))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    form(
                        Map.of(
                            "username", user, "password", password, "_csrf", csrf(page.body())))));
    assertThat(in.statusCode()).as("login of " + user).isEqualTo(302);
    assertThat(in.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return cookie(in);
  }

  private static String cookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie"));
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) {
      m = Pattern.compile("value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(html);
      assertThat(m.find()).as("a CSRF field in the page").isTrue();
    }
    return m.group(1);
  }

  private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(
        String.join(
            "&",
            fields.entrySet().stream()
                .map(
                    e ->
                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .toList()));
  }

  private HttpRequest.Builder draft(String key, String locale, String text) {
    try {
      return HttpRequest.newBuilder(
              uri(
                  "/api/message-texts/"
                      + key
                      + "/"
                      + URLEncoder.encode(locale, StandardCharsets.UTF_8).replace("+", "%20")
                      + "/draft"))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> publish(
      String key, String locale, Integer version, boolean acceptSegments) {
    Map<String, Object> body = new java.util.HashMap<>();
    if (version != null) {
      body.put("version", version);
    }
    body.put("acceptSegments", acceptSegments);
    try {
      return send(
          HttpRequest.newBuilder(uri("/api/message-texts/" + key + "/" + locale + "/publish"))
              .header("Authorization", admin())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String admin() {
    return basic("demo", "demo");
  }

  private static String viewer() {
    return basic("viewer", VIEWER_PASSWORD);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
