package com.careflow.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.careflow.CareflowApplication;
import com.careflow.local.LocalStack;
import com.careflow.support.TestDatabase;
import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #19, scale-out: two Careflow application contexts (two instances: own web server, own pool,
 * own job workers) on one PostgreSQL schema, one embedded Kafka broker and one in-memory engine
 * send a backlog through one Twilio sender. Each instance talks to its own WireMock server in front
 * of one fake Twilio that answers 429 (error 20429) to any message past {@link #PROVIDER_LIMIT} in
 * a sliding second. Shows: combined sends within the shared limit of {@link #RATE} segments per
 * second with 0 × 429, both instances sending, each send going out once, and the marketing
 * frequency cap (rule R20) holding across both.
 */
class TwoInstancesSendLimitIT {

  /** Careflow's shared send limit, segments per second, for both instances together. */
  static final double RATE = 4;

  /** Bucket capacity ({@code burst-segments}, the default). */
  static final int BURST = 1;

  /** The fake sender's own limit: twice Careflow's, as headroom for a thread that wakes late. */
  static final int PROVIDER_LIMIT = 8;

  /**
   * How late, in seconds, a granted request may reach the fake sender on a loaded machine; the rate
   * check allows it at both ends of the span (a timing margin, not a speed target).
   */
  static final double ARRIVAL_JITTER_SECONDS = 1;

  static final int REMINDERS = 30;
  static final int MARKETING_TO_ONE_BUYER = 8;

  @Test
  void twoInstancesShareOneSendLimitSendEachMessageOnceAndKeepTheFrequencyCap() {
    assumeTrue(
        TestDatabase.kind() != TestDatabase.Kind.H2,
        "the shared send limit needs PostgreSQL (CAREFLOW_TEST_DB_URL or Docker)");
    var fake = new ReminderStormBenchmark.SegmentLimitedTwilio(PROVIDER_LIMIT);
    WireMockServer twilioA = twilio(fake);
    WireMockServer twilioB = twilio(fake);
    Map<String, Object> database = new LinkedHashMap<>();
    TestDatabase.register((name, value) -> database.put(name, value.get()));
    ConfigurableApplicationContext a = null;
    ConfigurableApplicationContext b = null;
    try {
      a = start(twilioA, database, Map.of());
      LocalStack stack = a.getBean(LocalStack.class);
      b =
          start(
              twilioB,
              database,
              Map.of(
                  "camunda.client.grpc-address", stack.zeebeGrpcAddress(),
                  "camunda.client.prefer-rest-over-grpc", "false",
                  "spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers()));
      JdbcClient db = a.getBean(JdbcClient.class);
      com.careflow.customers.CustomerProfiles customers =
          a.getBean(com.careflow.customers.CustomerProfiles.class);
      for (int i = 0; i <= REMINDERS; i++) {
        customers.upsertProfile(
            new com.careflow.customers.Customer(
                "two-" + i,
                "Buyer " + i,
                "+86137" + String.format("%08d", i),
                "en",
                "UTC",
                null,
                true,
                0));
      }
      fake.reset();

      CamundaClient engine = a.getBean(CamundaClient.class);
      engine
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("two-instance-send")
                  .startEvent()
                  .serviceTask("Activity_Send", t -> t.zeebeJobType(MessagingJobTypes.SEND_MESSAGE))
                  .endEvent()
                  .done(),
              "two-instance-send.bpmn")
          .send()
          .join();
      for (int i = 1; i <= REMINDERS; i++) {
        start(engine, "two-" + i, "payment-reminder-new", "TRANSACTIONAL", Map.of());
      }
      // rule R20: marketing to one buyer, its jobs spread over both instances
      for (int i = 0; i < MARKETING_TO_ONE_BUYER; i++) {
        start(engine, "two-0", "cart-recovery", "MARKETING", Map.of("cartValue", "199.00"));
      }

      int all = REMINDERS + MARKETING_TO_ONE_BUYER;
      int capped = Math.min(MARKETING_TO_ONE_BUYER, 3); // the default cap: 3 in 7 days
      await()
          .atMost(Duration.ofMinutes(5))
          .until(
              () ->
                  db.sql(
                              "SELECT count(*) FROM message_log WHERE element_id = 'Activity_Send'"
                                  + " AND (message_sid IS NOT NULL OR status = 'SKIPPED')")
                          .query(Long.class)
                          .single()
                      == all);

      // each send once: Twilio's acceptances, the log's Message SIDs, one row per send key
      List<long[]> accepted = fake.accepted();
      assertThat(accepted).hasSize(REMINDERS + capped);
      assertThat(
              db.sql(
                      "SELECT count(DISTINCT message_sid) FROM message_log"
                          + " WHERE element_id = 'Activity_Send' AND message_sid IS NOT NULL")
                  .query(Long.class)
                  .single())
          .isEqualTo(REMINDERS + capped);
      assertThat(
              db.sql("SELECT count(*) FROM message_log WHERE element_id = 'Activity_Send'")
                  .query(Long.class)
                  .single())
          .isEqualTo(all);
      // the frequency cap across both instances (R20)
      assertThat(
              db.sql(
                      "SELECT count(*) FROM message_log WHERE customer_id = 'two-0'"
                          + " AND message_sid IS NOT NULL")
                  .query(Long.class)
                  .single())
          .isEqualTo(capped);
      assertThat(
              db.sql(
                      "SELECT count(*) FROM message_log WHERE customer_id = 'two-0'"
                          + " AND status = 'SKIPPED' AND skip_reason = 'FREQUENCY_CAP'")
                  .query(Long.class)
                  .single())
          .isEqualTo(MARKETING_TO_ONE_BUYER - capped);

      // both instances sent, through the one limit
      int sentByA =
          twilioA.findAll(postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES_PATH))).size();
      int sentByB =
          twilioB.findAll(postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES_PATH))).size();
      assertThat(sentByA).as("instance A sent").isPositive();
      assertThat(sentByB).as("instance B sent").isPositive();
      assertThat(fake.tooManyRequests()).as("HTTP 429").isZero();
      assertThat(fake.busiestSecond()).isLessThanOrEqualTo(PROVIDER_LIMIT);
      // the bucket's arithmetic: k sends need (k - BURST) / RATE seconds between the first grant
      // and
      // the last. The fake sees arrivals, not grants: a request that reaches it late (a busy
      // machine)
      // shortens the span it sees by up to ARRIVAL_JITTER_SECONDS at each end. Two per-instance
      // limits would send at 2 x RATE: 33 sends in about 4 s, which this bound (25) still refuses.
      double spanSeconds = (accepted.getLast()[0] - accepted.getFirst()[0]) / 1e9;
      assertThat((double) accepted.size())
          .as("%d sends in %.1f s at %.0f/s shared", accepted.size(), spanSeconds, RATE)
          .isLessThanOrEqualTo(RATE * (spanSeconds + 2 * ARRIVAL_JITTER_SECONDS) + BURST);
    } finally {
      if (b != null) {
        b.close();
      }
      if (a != null) {
        a.close();
      }
      twilioA.stop();
      twilioB.stop();
    }
  }

  private static void start(
      CamundaClient engine,
      String customerId,
      String templateKey,
      String category,
      Map<String, Object> templateVariables) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("customerId", customerId);
    variables.put("orderId", "2026111" + String.format("%09d", Math.abs(customerId.hashCode())));
    variables.put("templateKey", templateKey);
    variables.put("category", category);
    variables.put("channel", "SMS");
    variables.put("templateVariables", templateVariables);
    variables.put("sendCondition", "NONE");
    engine
        .newCreateInstanceCommand()
        .bpmnProcessId("two-instance-send")
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  private static WireMockServer twilio(ReminderStormBenchmark.SegmentLimitedTwilio fake) {
    WireMockServer server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(fake));
    server.start();
    TwilioStub.acceptMessages(server, "SM-unused"); // the fake writes each answer
    return server;
  }

  private static ConfigurableApplicationContext start(
      WireMockServer twilio, Map<String, Object> database, Map<String, String> engineAndKafka) {
    LocalTime quietStart =
        LocalTime.now(ZoneId.of("Asia/Shanghai")).plusHours(12).withSecond(0).withNano(0);
    List<String> properties =
        new ArrayList<>(
            List.of(
                "careflow.local.zeebe-port=0",
                "careflow.local.kafka-port=0",
                "server.port=0",
                "careflow.twilio.base-url=" + twilio.baseUrl(),
                "careflow.twilio.account-sid=" + TwilioStub.ACCOUNT_SID,
                "careflow.twilio.auth-token=" + TwilioStub.AUTH_TOKEN,
                "careflow.twilio.from=" + TwilioStub.FROM,
                "careflow.messaging.send-limit.segments-per-second=" + RATE,
                "careflow.messaging.send-limit.burst-segments=" + BURST,
                "careflow.messaging.quiet-hours.start=" + quietStart,
                "careflow.messaging.quiet-hours.end=" + quietStart.plusMinutes(1)));
    database.forEach((k, v) -> properties.add(k + "=" + v));
    engineAndKafka.forEach((k, v) -> properties.add(k + "=" + v));
    // as command-line arguments: they win over application.yaml (builder properties would not)
    return new SpringApplicationBuilder(CareflowApplication.class)
        .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
  }
}
