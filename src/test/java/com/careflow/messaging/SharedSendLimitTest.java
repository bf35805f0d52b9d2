package com.careflow.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.customers.OrderHistory;
import com.careflow.messagestatus.MessageStatus;
import com.careflow.support.TestDatabase;
import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two Careflow instances behind one Twilio sender: each its own {@link MessageService}, Twilio
 * client, limiter and connection pool, on one database (PostgreSQL with CAREFLOW_TEST_DB_URL, else
 * H2). The send limit, counted in SMS segments, holds for both together; a 429 is repeated and the
 * message sent once (issue #19).
 */
@JdbcTest(properties = "careflow.local.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class SharedSendLimitTest {

  /**
   * How late, in seconds, a granted send may reach the stub on a loaded machine; the shared-rate
   * check allows it at both ends of the span (a timing margin, not a speed target).
   */
  static final double ARRIVAL_JITTER_SECONDS = 0.5;

  static final WireMockServer twilio =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(32));

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @BeforeAll
  static void startStub() {
    twilio.start();
  }

  @AfterAll
  static void stopStub() {
    twilio.stop();
  }

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  HikariDataSource secondPool;
  final Clock clock = Clock.systemUTC();

  @BeforeEach
  void setUp() throws Exception {
    twilio.resetAll();
    HikariDataSource first = (HikariDataSource) dataSource;
    secondPool = new HikariDataSource();
    secondPool.setJdbcUrl(first.getJdbcUrl());
    secondPool.setUsername(first.getUsername());
    secondPool.setPassword(first.getPassword());
    secondPool.setSchema(first.getSchema());
    secondPool.setMaximumPoolSize(4);
    jdbc.sql("DELETE FROM send_rate_bucket").update();
  }

  @AfterEach
  void closePool() {
    secondPool.close();
  }

  /** One instance: its own pool, limiter, Twilio client and service. */
  record Instance(MessageService service, SegmentRateLimiter limiter) {}

  Instance instance(DataSource pool, Map<String, String> limitSettings, boolean shared) {
    assumeTrue(
        !shared || TestDatabase.kind() != TestDatabase.Kind.H2,
        "the shared bucket needs PostgreSQL: set CAREFLOW_TEST_DB_URL (as .ci/run does)");
    Map<String, String> all = new HashMap<>(limitSettings);
    all.put("careflow.messaging.send-limit.shared", String.valueOf(shared));
    SendLimitProperties limit = MessagingTestSupport.sendLimit(all);
    SegmentRateLimiter limiter =
        shared
            ? SegmentRateLimiter.shared(pool, limit, Duration.ofMinutes(2))
            : SegmentRateLimiter.local(limit, Duration.ofMinutes(2));
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    JdbcClient db = JdbcClient.create(pool);
    var service =
        new MessageService(
            new CustomerProfiles(db, clock),
            new OrderHistory(db, clock),
            MessagingTestSupport.texts(db, props, new DataSourceTransactionManager(pool), clock),
            new MessageLog(db, clock),
            new ContactStatus(db, clock),
            new TwilioMessageSender(
                MessagingTestSupport.twilio(twilio.baseUrl(), Map.of()), limiter),
            props,
            // a one-minute quiet window twelve hours away: never in the way
            new QuietHoursProperties(
                LocalTime.now(ZoneId.of("UTC")).plusHours(12).withNano(0),
                LocalTime.now(ZoneId.of("UTC")).plusHours(12).withNano(0).plusMinutes(1),
                ZoneId.of("UTC")),
            new DataSourceTransactionManager(pool),
            clock);
    return new Instance(service, limiter);
  }

  String buyer() {
    String id = "c-" + UUID.randomUUID();
    String phone = "+86139" + String.format("%08d", Math.floorMod(id.hashCode(), 100_000_000));
    new CustomerProfiles(jdbc, clock)
        .upsertProfile(new Customer(id, "Li Lei", phone, "zh-CN", "UTC", null, true, 0));
    return id;
  }

  /** A Chinese payment reminder: 1 segment with a short order id, 2 with a long one (UCS-2). */
  static MessageService.SendRequest reminder(String customerId, String orderId) {
    return new MessageService.SendRequest(
        "1/Activity_Remind/" + UUID.randomUUID(),
        customerId,
        orderId,
        1L,
        "Activity_Remind",
        "payment-reminder-new",
        MessageCategory.TRANSACTIONAL,
        Channel.SMS,
        Map.of(),
        3);
  }

  /** What the stub received: arrival in ms and the segments Twilio counts for its body. */
  record Arrival(long atMillis, int segments) {}

  List<Arrival> arrivals() {
    List<Arrival> out = new ArrayList<>();
    for (LoggedRequest r :
        twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES_PATH)))) {
      String body = null;
      for (String pair : r.getBodyAsString().split("&")) {
        if (pair.startsWith("Body=")) {
          body = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
        }
      }
      out.add(new Arrival(r.getLoggedDate().getTime(), SmsSegments.count(body).segments()));
    }
    out.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
    return out;
  }

  /** The most segments that arrived within any one second. */
  static int busiestSecond(List<Arrival> arrivals) {
    int busiest = 0;
    for (int i = 0; i < arrivals.size(); i++) {
      int sum = 0;
      for (int j = i;
          j < arrivals.size() && arrivals.get(j).atMillis() < arrivals.get(i).atMillis() + 1000;
          j++) {
        sum += arrivals.get(j).segments();
      }
      busiest = Math.max(busiest, sum);
    }
    return busiest;
  }

  /** Both instances send {@code perInstance} reminders each, 4 workers each, all at once. */
  List<SendResult> drive(List<Instance> instances, int perInstance) throws Exception {
    List<List<MessageService.SendRequest>> work = new ArrayList<>();
    for (int n = 0; n < instances.size(); n++) {
      List<MessageService.SendRequest> mine = new ArrayList<>();
      for (int i = 0; i < perInstance; i++) {
        // every third one has a long order id: 2 segments instead of 1
        String orderId = i % 3 == 0 ? "o-" + "7".repeat(40) + "-" + n + i : "o-" + n + "-" + i;
        mine.add(reminder(buyer(), orderId));
      }
      work.add(mine);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4 * instances.size());
    List<Future<SendResult>> results = new ArrayList<>();
    for (int n = 0; n < instances.size(); n++) {
      MessageService service = instances.get(n).service();
      for (MessageService.SendRequest r : work.get(n)) {
        results.add(pool.submit(() -> service.send(r)));
      }
    }
    List<SendResult> out = new ArrayList<>();
    for (Future<SendResult> f : results) {
      out.add(f.get());
    }
    pool.shutdown();
    return out;
  }

  @Test
  @DisplayName(
      "Two instances on one database together stay within the sender's limit in SMS segments")
  void twoInstancesShareOneLimitCountedInSegments() throws Exception {
    TwilioStub.acceptMessages(twilio, "SM-shared");
    int limit = 10;
    Map<String, String> settings =
        Map.of("careflow.messaging.send-limit.segments-per-second", String.valueOf(limit));
    List<Instance> instances =
        List.of(instance(dataSource, settings, true), instance(secondPool, settings, true));

    List<SendResult> results = drive(instances, 15);

    assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
    List<Arrival> arrivals = arrivals();
    assertThat(arrivals).hasSize(30);
    int segments = arrivals.stream().mapToInt(Arrival::segments).sum();
    assertThat(segments).isEqualTo(20 * 1 + 10 * 2); // the long order ids take two
    double seconds = (arrivals.getLast().atMillis() - arrivals.getFirst().atMillis()) / 1000.0;
    double combinedRate = (segments - arrivals.getFirst().segments()) / seconds;
    System.out.printf(
        "MEASURED shared limit %d segments/s, 2 instances: %d segments in %.2f s (%.2f/s),"
            + " busiest second %d%n",
        limit, segments, seconds, combinedRate, busiestSecond(arrivals));
    // together at the limit, not twice it: the bucket grants (segments - first) / limit seconds
    // between the first send and the last; the stub sees arrivals, which a loaded machine may
    // delay by up to ARRIVAL_JITTER_SECONDS at either end. Two instance-local limits (~20/s) put
    // the 40 segments into about 2 s, which this bound (about 31) refuses. How fast the pair
    // drains is a benchmark's question (SendPriorityBenchmark), not this test's.
    assertThat((double) segments - arrivals.getFirst().segments())
        .as("%d segments in %.2f s, shared limit %d/s", segments, seconds, limit)
        .isLessThanOrEqualTo(limit * (seconds + 2 * ARRIVAL_JITTER_SECONDS));
    // each send reserves its slot and sleeps until it: a thread that wakes late lands next to the
    // following one, so one second may hold a few segments more (the limit is set under the
    // sender's for that); two instance-local limits put about twice the limit into it
    assertThat(busiestSecond(arrivals)).isLessThanOrEqualTo((int) (limit * 1.5));
    assertThat(jdbc.sql("SELECT count(*) FROM send_rate_bucket").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  @DisplayName("Instance-local limits, the contrast: two instances send about twice the limit")
  void instanceLocalLimitsAddUp() throws Exception {
    TwilioStub.acceptMessages(twilio, "SM-local");
    int limit = 10;
    Map<String, String> settings =
        Map.of("careflow.messaging.send-limit.segments-per-second", String.valueOf(limit));
    List<Instance> instances =
        List.of(instance(dataSource, settings, false), instance(secondPool, settings, false));

    drive(instances, 15);

    List<Arrival> arrivals = arrivals();
    assertThat(busiestSecond(arrivals)).isGreaterThan((int) (limit * 1.5));
  }

  @Test
  @DisplayName("A 429 pauses every instance, is repeated, and the message goes out once")
  void a429IsRepeatedAndSentOnce() {
    twilio.stubFor(
        post(urlPathMatching(TwilioStub.MESSAGES_PATH))
            .inScenario("429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(TwilioStub.error(429, 20429, "Too Many Requests"))
            .willSetStateTo("calm"));
    twilio.stubFor(
        post(urlPathMatching(TwilioStub.MESSAGES_PATH))
            .inScenario("429")
            .whenScenarioStateIs("calm")
            .willReturn(TwilioStub.accepted("SM-after-429")));
    Map<String, String> settings =
        Map.of(
            "careflow.messaging.send-limit.segments-per-second", "10",
            "careflow.messaging.send-limit.backoff-on429", "PT0.5S");
    Instance a = instance(dataSource, settings, true);
    Instance b = instance(secondPool, settings, true);
    MessageService.SendRequest request = reminder(buyer(), "o-429");

    long started = System.nanoTime();
    SendResult result = a.service().send(request);
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(result).isEqualTo(new SendResult.Sent(MessageStatus.QUEUED, "SM-after-429"));
    assertThat(arrivals()).hasSize(2); // the 429, then the one accepted
    assertThat(tookMillis).isGreaterThanOrEqualTo(450); // the backoff was honoured
    assertThat(
            jdbc.sql("SELECT status, message_sid FROM message_log WHERE send_key = ?")
                .param(request.sendKey())
                .query((rs, i) -> rs.getString(1) + " " + rs.getString(2))
                .list())
        .containsExactly("QUEUED SM-after-429");
    // a retry of the same job finds it sent and does not call Twilio again
    assertThat(b.service().send(request)).isEqualTo(result);
    assertThat(arrivals()).hasSize(2);

    // the pause is the shared bucket's: the other instance sees the debt too
    b.limiter().pause(0);
    assertThat(a.limiter().availableSegments()).isNegative();
  }
}
