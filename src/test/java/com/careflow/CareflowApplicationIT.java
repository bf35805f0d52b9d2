package com.careflow;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.careflow.journeys.JourneyJobTypes;
import com.careflow.local.LocalStack;
import com.careflow.messagestatus.MessageStatus;
import com.careflow.messaging.MessageLog;
import com.careflow.support.RecordLog;
import com.careflow.support.TestDatabase;
import com.careflow.support.TwilioStub;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default end to end: the app starts its in-memory engine and Kafka broker, an order
 * event from Kafka starts a journey, advancing the clock fires the 2-hour reminder, and the real
 * Twilio SDK sends it to a WireMock stub of Twilio's API.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"careflow.local.zeebe-port=0", "careflow.local.kafka-port=0"})
class CareflowApplicationIT {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  static final WireMockServer twilio =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  @BeforeAll
  static void startTwilioStub() {
    twilio.start();
    TwilioStub.acceptMessages(twilio, "SM00000000000000000000000000000001");
  }

  @AfterAll
  static void stopTwilioStub() {
    twilio.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    TwilioStub.register(registry, twilio);
  }

  TestRestTemplate http;

  /** The demo operator (admin) of the development settings: every route needs a login. */
  @Autowired
  void login(TestRestTemplate rest) {
    http = rest.withBasicAuth("demo", "demo");
  }

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired LocalStack localStack;
  @Autowired MessageLog messageLog;

  @Test
  void healthIsUpWithTheEngineConnected() {
    JsonNode health = http.getForObject("/actuator/health", JsonNode.class);

    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("camundaClient").path("status").asText())
        .isEqualTo("UP");
    assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
  }

  /**
   * A zone where it is midday two hours from now, so the reminder is never held by quiet hours
   * (R4).
   */
  private static String middayZoneInTwoHours() {
    int utcHourThen = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusHours(2).getHour();
    int offset = 12 - utcHourThen;
    return java.time.ZoneOffset.ofHours(
            offset < -12 ? offset + 24 : offset > 14 ? offset - 24 : offset)
        .getId();
  }

  @Test
  void r1_anOrderFromKafkaIsRemindedTwoHoursLaterThroughTwilio() {
    kafka.send(
        "shop.customers",
        "c-it-1",
        """
        {"eventId":"ce-it-1","type":"CustomerUpserted","occurredAt":"2026-11-11T00:00:00+08:00",
         "customerId":"c-it-1","name":"Li Lei","phone":"+8613800138000","locale":"en","timeZone":"%s","marketingConsent":true}
        """
            .formatted(middayZoneInTwoHours()));
    kafka.send(
        "shop.orders",
        "o-it-1",
        """
        {"eventId":"oe-it-1","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00","orderId":"o-it-1",
         "customerId":"c-it-1","amount":99.00,"currency":"CNY","items":[{"sku":"tea","title":"Tea","quantity":1,"price":99.00}]}
        """);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                records().instancesOf(JourneyJobTypes.PROCESS_ID).stream()
                    .anyMatch(
                        key -> records().activeElements(key).contains("Gateway_AwaitPayment")));

    var advanced =
        http.postForEntity("/local/clock/advance", Map.of("duration", "PT2H"), Map.class);
    assertThat(advanced.getStatusCode().is2xxSuccessful()).isTrue();

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                twilio.verify(
                    postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
                        .withRequestBody(containing("To=%2B8613800138000"))
                        .withRequestBody(containing("o-it-1"))));
    await()
        .atMost(EVENTUALLY)
        .untilAsserted(
            () ->
                assertThat(messageLog.findByCustomer("c-it-1"))
                    .singleElement()
                    .returns(MessageStatus.QUEUED, MessageLog.Entry::status)
                    .returns("SM00000000000000000000000000000001", MessageLog.Entry::messageSid)
                    .returns("payment-reminder-new", MessageLog.Entry::templateKey));
  }

  @Test
  void theClockEndpointReportsTheEngineTime() {
    var before = http.getForObject("/local/clock", Map.class);
    http.postForEntity("/local/clock/advance", Map.of("duration", "PT1M"), Map.class);
    var after = http.getForObject("/local/clock", Map.class);

    assertThat(java.time.Instant.parse((String) after.get("now")))
        .isAfterOrEqualTo(
            java.time.Instant.parse((String) before.get("now")).plus(Duration.ofMinutes(1)));
  }

  private RecordLog records() {
    return RecordLog.of(localStack.engine().getRecordStreamSource());
  }
}
