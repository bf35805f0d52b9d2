package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.analytics.AnalyticsProperties;
import com.careflow.analytics.AnalyticsRecorder;
import com.careflow.analytics.AttributionRules;
import com.careflow.customers.CustomerProfiles;
import com.careflow.messagestatus.MessageStatus;
import com.careflow.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The message log and analytics order a message's status by the one rule of {@link MessageStatus}
 * (R23: a message messaging shows as failed earns analytics no credit, one it shows as delivered
 * keeps it). Real tables, the real webhook controller, {@link SendFacts} and the analytics
 * recorder, wired as in production: the controller passes each report it applied to analytics as a
 * {@link AnalyticsFacts.StatusFact}, {@link SendFacts} passes the settled send as a {@link
 * AnalyticsFacts.SendFact} read back from the log. Each test runs in the slice's transaction,
 * rolled back after it, so its sends and rollups never reach the other tests of the JVM's schema.
 */
@JdbcTest(properties = "careflow.local.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class StatusOrderAgreementTest {

  static final String BASE = "https://shop.example";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired JdbcClient jdbc;
  @Autowired JdbcTemplate jdbcTemplate;
  @Autowired PlatformTransactionManager transactions;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-11T04:00:00Z"));
  MessageLog messageLog;
  SendFacts sendFacts;
  MockMvc webhooks;

  @BeforeEach
  void setUp() {
    messageLog = new MessageLog(jdbc, clock);
    AnalyticsRecorder analytics =
        new AnalyticsRecorder(
            jdbcTemplate,
            transactions,
            new AttributionRules(jdbcTemplate, Duration.ofHours(72), clock),
            new AnalyticsProperties(
                Duration.ofHours(72), "CNY", null, null, Duration.ofDays(365), "payment-reminder"),
            ZoneId.of("Asia/Shanghai"),
            clock);
    // what AnalyticsEventListener does with the facts messaging publishes
    ApplicationEventPublisher events =
        event -> {
          switch (event) {
            case AnalyticsFacts.SendFact f -> analytics.recordSend(f);
            case AnalyticsFacts.StatusFact f ->
                analytics.recordStatus(f.messageSid(), f.status(), f.at(), f.errorCode());
            default -> {}
          }
        };
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    sendFacts = new SendFacts(messageLog, new CustomerProfiles(jdbc, clock), props, events, clock);
    TwilioProperties twilio =
        MessagingTestSupport.twilio(
            "http://127.0.0.1:9", Map.of("careflow.twilio.webhook-base-url", BASE));
    webhooks =
        MockMvcBuilders.standaloneSetup(
                new TwilioWebhookController(
                    twilio,
                    props,
                    messageLog,
                    new ContactStatus(jdbc, clock),
                    new TwilioMessageSender(
                        twilio, MessagingTestSupport.localLimit(1000, Duration.ofSeconds(5))),
                    clock,
                    events))
            .build();
  }

  /** One send of Careflow's, from the attempt to the callbacks. */
  final class Send {
    final String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    final MessageService.SendRequest request =
        new MessageService.SendRequest(
            "agree/" + UUID.randomUUID(),
            "c-" + UUID.randomUUID(),
            null,
            1L,
            "Activity_SendMessage",
            "shipment-notice",
            MessageCategory.TRANSACTIONAL,
            Channel.SMS,
            Map.of(),
            3);
    final String sendKey = request.sendKey();
    final MessageStatus created;

    Send(MessageStatus created) {
      this.created = created;
      MessageService.SendRequest r = request;
      messageLog.recordAttempt(
          new MessageLog.Attempt(
              r.sendKey(),
              r.customerId(),
              r.orderId(),
              r.processInstanceKey(),
              r.elementId(),
              r.templateKey(),
              r.category(),
              r.channel(),
              "Your parcel is on its way"));
    }

    /** Twilio answered the create request: the log records it (and applies reports kept). */
    void recordSent() {
      messageLog.recordSent(sendKey, new SendReceipt(sid, created));
    }

    /** The job settles: analytics gets the send as the log holds it now. */
    void settle() {
      sendFacts.settled(
          request,
          new SendResult.Sent(created, sid),
          null,
          "message-delivery",
          1,
          "Activity_SendMessage");
    }

    /** Twilio's status callback, signed as Twilio signs it. */
    void callback(String twilioStatus) throws Exception {
      clock.advance(Duration.ofSeconds(1));
      Map<String, String> body = Map.of("MessageSid", sid, "MessageStatus", twilioStatus);
      webhooks
          .perform(
              TwilioWebhookTest.twilioPost(
                  TwilioMessageSender.STATUS_CALLBACK_PATH,
                  body,
                  BASE + TwilioMessageSender.STATUS_CALLBACK_PATH))
          .andExpect(status().isNoContent());
    }

    MessageStatus inLog() {
      return messageLog.findBySendKey(sendKey).orElseThrow().status();
    }

    MessageStatus inAnalytics() {
      return MessageStatus.fromStored(
              jdbc.sql("SELECT status FROM analytics_send WHERE send_id = :k")
                  .param("k", sendKey)
                  .query(String.class)
                  .single())
          .orElseThrow();
    }

    int analyticsRank() {
      return jdbc.sql("SELECT status_rank FROM analytics_send WHERE send_id = :k")
          .param("k", sendKey)
          .query(Integer.class)
          .single();
    }

    /** Both stores show the same status, and analytics' credit class is that status's (R23). */
    MessageStatus agreed(String what) {
      MessageStatus log = inLog();
      assertThat(inAnalytics()).as("analytics vs message log, %s", what).isEqualTo(log);
      assertThat(analyticsRank()).as("status_rank, %s", what).isEqualTo(log.creditRank());
      return log;
    }
  }

  /**
   * Every status a send can be recorded with in both stores (analytics refuses {@code UNKNOWN} and
   * the inbound/multi-part statuses), followed by a report of every status; Careflow's own names
   * arrive as Twilio would spell them and are ignored.
   */
  @Test
  void r23_forEveryPreviousAndNextStatusTheLogAndAnalyticsAgree() throws Exception {
    List<MessageStatus> recordable =
        Arrays.stream(MessageStatus.values())
            .filter(
                s ->
                    s != MessageStatus.UNKNOWN
                        && s != MessageStatus.RECEIVING
                        && s != MessageStatus.PARTIALLY_DELIVERED)
            .toList();
    int pairs = 0;
    int moved = 0;
    for (MessageStatus previous : recordable) {
      for (MessageStatus next : MessageStatus.values()) {
        Send send = new Send(previous);
        send.recordSent();
        send.settle();
        send.callback(next.name().toLowerCase(Locale.ROOT));

        String pair = next + " after " + previous;
        MessageStatus result = send.agreed(pair);
        assertThat(result).as(pair).isEqualTo(next.canFollow(previous) ? next : previous);
        pairs++;
        moved += result == previous ? 0 : 1;
      }
    }
    assertThat(pairs).isEqualTo(16 * 19);
    // the rule's table (MessageStatusTest.MAY_FOLLOW): 9 reports after PENDING/ERROR, 7 after
    // accepted and scheduled, 6 after queued, 5 after sending, 4 after sent, 1 after delivered
    assertThat(moved).isEqualTo(9 + 9 + 7 + 7 + 6 + 5 + 4 + 1);
  }

  /**
   * One message's callbacks in every order, with the recording of the send (before which Twilio's
   * callbacks are kept and applied in arrival order) and the settling of the job (which tells
   * analytics, before or after its reports) anywhere among them.
   */
  @Test
  void r23_everyArrivalOrderOfOneSendsCallbacksEndsTheSameInTheLogAndInAnalytics()
      throws Exception {
    record Scenario(MessageStatus created, List<String> callbacks) {}
    List<Scenario> scenarios =
        List.of(
            // SMS through a Messaging Service, delivered
            new Scenario(MessageStatus.ACCEPTED, List.of("queued", "sent", "delivered")),
            // SMS, undelivered: no credit in either store
            new Scenario(MessageStatus.QUEUED, List.of("sending", "sent", "undelivered")),
            // WhatsApp, read
            new Scenario(MessageStatus.QUEUED, List.of("sent", "delivered", "read")),
            // a late failed after delivered, or the reverse: the first outcome to arrive stays
            new Scenario(MessageStatus.QUEUED, List.of("sent", "delivered", "failed")));
    int orders = 0;
    for (Scenario scenario : scenarios) {
      List<String> events = new ArrayList<>(scenario.callbacks());
      events.add("RECORD_SENT");
      events.add("SETTLE");
      for (List<String> order : permutations(events)) {
        if (order.indexOf("RECORD_SENT") > order.indexOf("SETTLE")) {
          continue; // the job settles only after the log recorded Twilio's answer
        }
        Send send = new Send(scenario.created());
        for (String event : order) {
          switch (event) {
            case "RECORD_SENT" -> send.recordSent();
            case "SETTLE" -> send.settle();
            default -> send.callback(event);
          }
        }
        MessageStatus result = send.agreed(scenario + " in the order " + order);
        assertThat(result).as("%s in the order %s", scenario, order).isEqualTo(expected(order));
        orders++;
      }
    }
    assertThat(orders).isEqualTo(4 * 60);
  }

  /** What Twilio documents: the first outcome to arrive is final; read follows delivered. */
  private static MessageStatus expected(List<String> order) {
    String outcome =
        order.stream()
            .filter(e -> List.of("delivered", "undelivered", "failed").contains(e))
            .findFirst()
            .orElseThrow();
    if (outcome.equals("delivered") && order.contains("read")) {
      return MessageStatus.READ;
    }
    return MessageStatus.valueOf(outcome.toUpperCase(Locale.ROOT));
  }

  private static List<List<String>> permutations(List<String> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<String>> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<String> rest = new ArrayList<>(items);
      String first = rest.remove(i);
      for (List<String> tail : permutations(rest)) {
        List<String> p = new ArrayList<>();
        p.add(first);
        p.addAll(tail);
        all.add(p);
      }
    }
    return all;
  }
}
