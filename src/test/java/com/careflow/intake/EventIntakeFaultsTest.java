package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.customers.CustomerProfiles;
import com.careflow.customers.OrderHistory;
import com.careflow.intake.EventIntake.Outcome;
import com.careflow.intake.ShopEventType.Topic;
import com.careflow.journeys.JourneyUnavailableException;
import com.careflow.journeys.ZeebeMessagePublisher;
import com.careflow.support.RepositoryTestBase;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intake's faults of issue #14 on the real store (PostgreSQL in CI, H2 otherwise), with the
 * engine replaced by a recorder of what would be published: store first, then publish (fault 2),
 * and events that contradict what is stored (fault 6).
 */
@Import(EventIntakeFaultsTest.Intake.class)
// a small pool: the CI database is shared by every cached test context
@TestPropertySource(
    properties = {
      "spring.datasource.hikari.maximum-pool-size=4",
      "spring.datasource.hikari.minimum-idle=1"
    })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@RecordApplicationEvents
class EventIntakeFaultsTest extends RepositoryTestBase {

  /** What the engine was asked to publish; a test may make it fail or look at the store first. */
  static class RecordingJourneys extends ZeebeMessagePublisher {
    final List<String> published = new ArrayList<>();
    final Map<String, Map<String, Object>> variablesById =
        new java.util.concurrent.ConcurrentHashMap<>();
    volatile Consumer<String> beforePublish = id -> {};

    RecordingJourneys() {
      super(null);
    }

    @Override
    public synchronized boolean publish(
        String messageName,
        String correlationKey,
        String messageId,
        Duration timeToLive,
        Map<String, ?> variables) {
      beforePublish.accept(messageId);
      if (published.contains(messageId)) {
        return false; // Zeebe refuses a message id it holds
      }
      published.add(messageName + ":" + correlationKey + ":" + messageId);
      variablesById.put(messageId, Map.copyOf(variables));
      return true;
    }
  }

  /** The intake on the real store, the engine replaced by {@link RecordingJourneys}. */
  @TestConfiguration(proxyBeanMethods = false)
  @Import({
    EventIntake.class,
    ProcessedEvents.class,
    IntakeOutbox.class,
    AnalyticsFactOutbox.class,
    EngineAccessHealth.class,
    CustomerProfiles.class,
    OrderHistory.class,
    Engine.class
  })
  static class Intake {}

  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    EventsProperties.class,
    com.careflow.analytics.AnalyticsProperties.class
  })
  static class Engine {
    @Bean
    AnalyticsPort analyticsPort() {
      return new AnalyticsPort();
    }

    @Bean
    RecordingJourneys journeys() {
      return new RecordingJourneys();
    }
  }

  /**
   * Stands for the analytics module's listener: records which facts it took, and can fail the next
   * one (the database away while a batch is recorded).
   */
  static class AnalyticsPort {
    final List<String> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean failNext;

    /** An order whose facts the port refuses, as the analytics module refuses a bad fact. */
    volatile String refusedOrder;

    @org.springframework.context.event.EventListener
    void on(com.careflow.analytics.AnalyticsFacts.OrderFactBatch batch) {
      for (var f : batch.facts()) {
        refuse(f); // a refused batch stores nothing
      }
      for (var f : batch.facts()) {
        switch (f) {
          case com.careflow.analytics.AnalyticsFacts.OrderPlacedFact p -> on(p);
          case com.careflow.analytics.AnalyticsFacts.PaymentFact p -> on(p);
          default -> {}
        }
      }
    }

    private void refuse(com.careflow.analytics.AnalyticsFacts.OrderFact f) {
      if (f.orderId().equals(refusedOrder)) {
        throw new IllegalArgumentException("amount in XTS but no rate (" + f.orderId() + ")");
      }
    }

    @org.springframework.context.event.EventListener
    void on(com.careflow.analytics.AnalyticsFacts.OrderPlacedFact f) {
      refuse(f);
      take("placed " + f.orderId());
    }

    @org.springframework.context.event.EventListener
    void on(com.careflow.analytics.AnalyticsFacts.PaymentFact f) {
      refuse(f);
      take("paid " + f.orderId());
    }

    private void take(String fact) {
      if (failNext) {
        failNext = false;
        throw new org.springframework.dao.TransientDataAccessResourceException("database away");
      }
      if (org.springframework.transaction.support.TransactionSynchronizationManager
          .isActualTransactionActive()) {
        // counted only when the batch's transaction commits, as the real port's rows
        org.springframework.transaction.support.TransactionSynchronizationManager
            .registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                  @Override
                  public void afterCommit() {
                    recorded.add(fact);
                  }
                });
      } else {
        recorded.add(fact);
      }
    }
  }

  @Autowired AnalyticsPort analyticsPort;
  @Autowired AnalyticsFactOutbox analyticsFacts;
  @Autowired EventIntake intake;
  @Autowired RecordingJourneys journeys;
  @Autowired OrderHistory orders;
  @Autowired IntakeOutbox outbox;
  @Autowired EngineAccessHealth engineAccess;
  @Autowired DataSource dataSource;
  @Autowired ApplicationEvents applicationEvents;

  final String run = UUID.randomUUID().toString().substring(0, 8);

  /** These tests commit: remove what they stored, so other tests see the store they expect. */
  @AfterEach
  void removeThisTestsRows() {
    removeRowsOf(dataSource, run);
  }

  /** Removes the rows of the events, orders and customers whose ids start with {@code run}. */
  static void removeRowsOf(DataSource dataSource, String run) {
    var jdbc = new JdbcTemplate(dataSource);
    String like = run + "%";
    jdbc.update("DELETE FROM intake_outbox WHERE event_id LIKE ?", like);
    jdbc.update("DELETE FROM intake_analytics_fact WHERE event_id LIKE ?", like);
    jdbc.update("DELETE FROM processed_event WHERE event_id LIKE ?", like);
    jdbc.update("DELETE FROM order_fact WHERE order_id LIKE ?", like);
    jdbc.update("DELETE FROM customer WHERE customer_id LIKE ?", like);
  }

  String placed(String eventId, String orderId, String customerId, String amount, String currency) {
    return """
        {"eventId":"%s","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00","orderId":"%s",
         "customerId":"%s","amount":%s,"currency":"%s","items":[{"sku":"tea","quantity":1,"price":%s}]}
        """
        .formatted(eventId, orderId, customerId, amount, currency, amount);
  }

  String paid(String eventId, String orderId, String customerId, String currency) {
    return """
        {"eventId":"%s","type":"OrderPaid","occurredAt":"2026-11-11T00:07:00+08:00","orderId":"%s",
         "customerId":"%s","amount":99.00,"currency":"%s"}
        """
        .formatted(eventId, orderId, customerId, currency);
  }

  @Test
  @DisplayName(
      "R23 R25: placed, paid with a coupon, refunded and cancelled orders become analytics facts"
          + " once each; a refund is stored, not published to the journeys")
  void r23_r25_orderEventsBecomeAnalyticsFactsOnceEach() {
    String order = run + "-o-facts";
    String buyer = run + "-c-facts";
    orders.recordOrderPaid(run + "-o-earlier", buyer, java.time.Instant.now(), null);
    handleOrder(placed(run + "-e1", order, buyer, "120.00", "CNY"));
    handleOrder(
        """
        {"eventId":"%s","type":"OrderPaid","occurredAt":"2026-11-11T00:07:00+08:00","orderId":"%s",
         "customerId":"%s","amount":100.00,"currency":"CNY","couponCode":"D11-RETURN-20",
         "discountAmount":20.00}
        """
            .formatted(run + "-e2", order, buyer));
    String refund =
        """
        {"eventId":"%s","type":"OrderRefunded","occurredAt":"2026-11-13T10:00:00+08:00",
         "orderId":"%s","amount":40.00,"currency":"CNY"}
        """
            .formatted(run + "-e3", order);
    assertThat(handleOrder(refund)).isEqualTo(Outcome.APPLIED);
    assertThat(handleOrder(refund)).isEqualTo(Outcome.DUPLICATE);
    handleOrder(
        """
        {"eventId":"%s","type":"OrderCancelled","occurredAt":"2026-11-14T10:00:00+08:00",
         "orderId":"%s","reason":"buyer"}
        """
            .formatted(run + "-e4", order));

    var placedFacts =
        analyticsFacts(
                applicationEvents, com.careflow.analytics.AnalyticsFacts.OrderPlacedFact.class)
            .toList();
    assertThat(placedFacts).hasSize(1);
    // the store knows one earlier paid order: a returning buyer (R25)
    assertThat(placedFacts.getFirst().priorPaidOrders()).isEqualTo(1);
    var payments =
        analyticsFacts(applicationEvents, com.careflow.analytics.AnalyticsFacts.PaymentFact.class)
            .toList();
    assertThat(payments).hasSize(1);
    assertThat(payments.getFirst())
        .returns(1, com.careflow.analytics.AnalyticsFacts.PaymentFact::units)
        .returns("D11-RETURN-20", com.careflow.analytics.AnalyticsFacts.PaymentFact::couponCode);
    assertThat(payments.getFirst().discount()).isEqualByComparingTo("20.00");
    var refunds =
        analyticsFacts(applicationEvents, com.careflow.analytics.AnalyticsFacts.RefundFact.class)
            .toList();
    assertThat(refunds).hasSize(1);
    assertThat(refunds.getFirst().amount()).isEqualByComparingTo("40.00");
    assertThat(
            analyticsFacts(
                applicationEvents, com.careflow.analytics.AnalyticsFacts.CancellationFact.class))
        .hasSize(1);
    assertThat(journeys.published).noneMatch(p -> p.startsWith("OrderRefunded:"));
  }

  static ConsumerRecord<String, byte[]> orderRecord(long offset, String key, String value) {
    return new ConsumerRecord<>(
        "shop.orders", 0, offset, key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName(
      "a poll with a bad record: the records before it take effect (stored and published), the"
          + " failure names the bad one's index with the reason, the records after it wait")
  void aBadRecordInAPollIsNamedAloneAndTheRecordsBeforeItTakeEffect() {
    String a = run + "-o-pa";
    String b = run + "-o-pb";
    String c = run + "-o-pc";
    var poll =
        List.of(
            orderRecord(0, a, placed(run + "-ea", a, run + "-ca", "10.00", "CNY")),
            orderRecord(1, b, placed(run + "-eb", b, run + "-cb", "10.00", "CNY")),
            orderRecord(2, "x", "{not json"),
            orderRecord(3, c, placed(run + "-ec", c, run + "-cc", "10.00", "CNY")));

    assertThatThrownBy(() -> intake.handleAll(poll, Topic.ORDERS))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(2))
        .hasCauseInstanceOf(InvalidEventException.class);

    assertThat(publishedFor(a)).isEqualTo(1);
    assertThat(publishedFor(b)).isEqualTo(1);
    assertThat(publishedFor(c)).isZero();
    assertThat(orders.isOrderPlaced(c)).as("after the bad record: not stored yet").isFalse();
    assertThat(owedOfThisRun()).isZero();
  }

  @Test
  @DisplayName(
      "a poll stored in one transaction: a record refused inside it (after its processed_event"
          + " row) is rolled back to its savepoint alone; the good ones before it commit and take"
          + " effect once, the one after it on the redelivery; the poll redelivered again changes"
          + " nothing, and each order's analytics fact is published once")
  void aPollWithABadRecordAmongGoodOnes_theGoodOnesCommitOnce() {
    String a = run + "-o-sa";
    String b = run + "-o-sb";
    String c = run + "-o-sc";
    var poll =
        List.of(
            orderRecord(0, a, placed(run + "-sa", a, run + "-ca", "10.00", "CNY")),
            orderRecord(1, b, placed(run + "-sb", b, run + "-cb", "10.00", "CNY")),
            // b was placed by cb: refused by the check against the placed order, in the transaction
            orderRecord(2, b, paid(run + "-sbad", b, run + "-someone-else", "CNY")),
            orderRecord(3, c, placed(run + "-sc", c, run + "-cc", "10.00", "CNY")));

    assertThatThrownBy(() -> intake.handleAll(poll, Topic.ORDERS))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(2))
        .cause()
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("customerId contradicts order");
    assertThat(processedOfThisRun())
        .as("the bad record's processed_event row rolled back with its savepoint")
        .containsExactlyInAnyOrder(run + "-sa", run + "-sb");
    assertThat(orders.isOrderPlaced(a)).isTrue();
    assertThat(orders.isOrderPlaced(b)).isTrue();
    assertThat(orders.isOrderPlaced(c)).as("after the bad record: not stored yet").isFalse();

    // the error handler commits the records before the bad one, dead-letters it and redelivers
    // the rest; then the whole poll once more (a rebalance before the commit, say)
    intake.handleAll(poll.subList(3, 4), Topic.ORDERS);
    assertThatThrownBy(() -> intake.handleAll(poll, Topic.ORDERS))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(2));

    assertThat(processedOfThisRun())
        .containsExactlyInAnyOrder(run + "-sa", run + "-sb", run + "-sc");
    analyticsFacts.drain(); // none left: each poll recorded what it committed
    assertThat(analyticsOwedOfThisRun()).isZero();
    for (String order : List.of(a, b, c)) {
      assertThat(publishedFor(order)).as(order).isEqualTo(1);
      assertThat(
              analyticsFacts(
                      applicationEvents,
                      com.careflow.analytics.AnalyticsFacts.OrderPlacedFact.class)
                  .filter(f -> f.orderId().equals(order)))
          .as("analytics fact of " + order)
          .hasSize(1);
    }
    assertThat(
            analyticsFacts(
                applicationEvents, com.careflow.analytics.AnalyticsFacts.PaymentFact.class))
        .as("the refused payment is no fact")
        .isEmpty();
    assertThat(orders.purchaseStats(run + "-someone-else")).isEmpty();
    assertThat(owedOfThisRun()).isZero();
  }

  /**
   * The analytics facts of a type published, alone or in a batch ({@link
   * com.careflow.analytics.AnalyticsFacts.OrderFactBatch}, as the drain publishes them).
   */
  static <T> java.util.stream.Stream<T> analyticsFacts(ApplicationEvents events, Class<T> type) {
    return java.util.stream.Stream.concat(
        events.stream(type),
        events.stream(com.careflow.analytics.AnalyticsFacts.OrderFactBatch.class)
            .flatMap(b -> b.facts().stream())
            .filter(type::isInstance)
            .map(type::cast));
  }

  @Test
  @DisplayName(
      "a fact the analytics module refuses is kept with its reason in failed_reason, alone: the"
          + " other facts of its batch are recorded once, and later drains leave it")
  void aRefusedFactIsKeptWithItsReasonAndTheRestOfItsBatchRecorded() {
    String a = run + "-o-ra";
    String b = run + "-o-rb";
    String c = run + "-o-rc";
    var poll =
        List.of(
            orderRecord(0, a, placed(run + "-ra1", a, run + "-ca", "10.00", "CNY")),
            orderRecord(1, b, placed(run + "-rb1", b, run + "-cb", "10.00", "CNY")),
            orderRecord(2, c, placed(run + "-rc1", c, run + "-cc", "10.00", "CNY")),
            orderRecord(3, a, paid(run + "-ra2", a, run + "-ca", "CNY")));
    analyticsPort.refusedOrder = b;
    try {
      intake.handleAll(poll, Topic.ORDERS);
      analyticsFacts.drain();
    } finally {
      analyticsPort.refusedOrder = null;
    }

    assertThat(analyticsPort.recorded.stream().filter(fact -> fact.contains(run)))
        .containsExactlyInAnyOrder("placed " + a, "placed " + c, "paid " + a);
    assertThat(
            new JdbcTemplate(dataSource)
                .queryForList(
                    "SELECT event_id, failed_reason FROM intake_analytics_fact WHERE event_id"
                        + " LIKE ?",
                    run + "%"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("event_id")).isEqualTo(run + "-rb1");
              assertThat((String) row.get("failed_reason")).contains("no rate", b);
            });
    assertThat(analyticsFacts.drain()).as("the refused fact is not taken again").isZero();
  }

  long analyticsOwedOfThisRun() {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "SELECT COUNT(*) FROM intake_analytics_fact WHERE event_id LIKE ?",
            Long.class,
            run + "%");
  }

  @Test
  @DisplayName(
      "R23: the analytics facts of a poll are owed in its transaction and recorded after it; a"
          + " drain that fails records none and leaves them all, the next records each once")
  void r23_aPollsAnalyticsFactsAreRecordedOnceEvenAfterAFailedDrain() {
    String a = run + "-o-fa";
    String b = run + "-o-fb";
    var poll =
        List.of(
            orderRecord(0, a, placed(run + "-fa1", a, run + "-ca", "10.00", "CNY")),
            orderRecord(1, b, placed(run + "-fb1", b, run + "-cb", "10.00", "CNY")),
            orderRecord(2, a, paid(run + "-fa2", a, run + "-ca", "CNY")));
    analyticsPort.failNext = true;

    intake.handleAll(poll, Topic.ORDERS);

    assertThat(analyticsOwedOfThisRun()).as("the failed drain left every fact").isEqualTo(3);
    assertThat(analyticsPort.recorded).noneMatch(fact -> fact.contains(run));
    intake.handleAll(poll, Topic.ORDERS); // redelivered: duplicates, and a drain
    analyticsFacts.drain();

    assertThat(analyticsOwedOfThisRun()).isZero();
    assertThat(analyticsPort.recorded.stream().filter(fact -> fact.contains(run)))
        .containsExactlyInAnyOrder("placed " + a, "placed " + b, "paid " + a);
  }

  List<String> processedOfThisRun() {
    return new JdbcTemplate(dataSource)
        .queryForList(
            "SELECT event_id FROM processed_event WHERE event_id LIKE ?", String.class, run + "%");
  }

  long owedOfThisRun() {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "SELECT COUNT(*) FROM intake_outbox WHERE event_id LIKE ? AND published_at IS NULL",
            Long.class,
            run + "%");
  }

  @Test
  @DisplayName(
      "a poll's messages of one key reach the engine in the poll's order, while other keys'"
          + " go at the same time; the poll again (redelivered) publishes nothing twice")
  void onePollsMessagesOfOneKeyKeepTheirOrder() {
    String a = run + "-o-ka";
    String b = run + "-o-kb";
    var poll =
        List.of(
            orderRecord(0, a, placed(run + "-ka1", a, run + "-ca", "99.00", "CNY")),
            orderRecord(1, b, placed(run + "-kb1", b, run + "-cb", "99.00", "CNY")),
            orderRecord(2, a, paid(run + "-ka2", a, run + "-ca", "CNY")),
            orderRecord(3, b, paid(run + "-kb2", b, run + "-cb", "CNY")));

    intake.handleAll(poll, Topic.ORDERS);
    intake.handleAll(poll, Topic.ORDERS);

    for (String order : List.of(a, b)) {
      assertThat(journeys.published.stream().filter(p -> p.contains(":" + order + ":")).toList())
          .as(order)
          .extracting(p -> p.substring(0, p.indexOf(':')))
          .containsExactly("OrderPlaced", "OrderPaid");
    }
    assertThat(owedOfThisRun()).isZero();
  }

  @Test
  @DisplayName(
      "R1 R2 (issue #19): every OrderPlaced reaches the engine with returningBuyer — the intake's"
          + " answer at placement, or, for a row stored by an older version without it, the"
          + " customer store's at the relay; the journey has no look-up of its own")
  void r1_r2_everyOrderPlacedCarriesReturningBuyer_olderOutboxRowsToo() {
    String buyer = run + "-c-ret";
    handleOrder(placed(run + "-e-first", run + "-o-first", buyer, "50.00", "CNY"));
    handleOrder(paid(run + "-e-first-paid", run + "-o-first", buyer, "CNY"));
    assertThat(journeys.variablesById.get(run + "-e-first"))
        .as("a first-time buyer, as the intake knew at placement")
        .containsEntry("returningBuyer", false);

    // rows as the previous version stored them: no returningBuyer (and items, units, placedAt)
    var jdbc = new JdbcTemplate(dataSource);
    String older =
        """
        {"orderId":"%s","customerId":"%s","amount":99.00,"currency":"CNY",
         "items":[{"sku":"tea","quantity":1,"price":99.00}],"units":1,
         "placedAt":"2026-11-11T00:05:00+08:00"}
        """;
    for (String[] row :
        List.of(
            new String[] {run + "-e-old-ret", run + "-o-old-ret", buyer},
            new String[] {run + "-e-old-new", run + "-o-old-new", run + "-c-never-seen"})) {
      jdbc.update(
          "INSERT INTO intake_outbox (event_id, message_name, correlation_key, variables,"
              + " created_at) VALUES (?, 'OrderPlaced', ?, ?, now())",
          row[0],
          row[1],
          older.formatted(row[1], row[2]));
      outbox.relay(row[1], row[0]);
    }

    assertThat(journeys.variablesById.get(run + "-e-old-ret"))
        .as("a paid order on record: returning, the look-up job's answer")
        .containsEntry("returningBuyer", true)
        .containsEntry("customerId", buyer);
    assertThat(journeys.variablesById.get(run + "-e-old-new"))
        .as("nobody the store knows: new")
        .containsEntry("returningBuyer", false);
    assertThat(publishedFor(run + "-o-old-ret")).isEqualTo(1);
  }

  Outcome handleOrder(String value) {
    return intake.handle("shop.orders", Topic.ORDERS, value);
  }

  long publishedFor(String orderId) {
    return journeys.published.stream().filter(p -> p.contains(":" + orderId + ":")).count();
  }

  @Test
  @DisplayName(
      "fault 2 (a journey without a stored fact): the fact is committed before the message is"
          + " published")
  void aJourneyWithoutAStoredFact_theFactIsCommittedFirst() {
    String orderId = run + "-o1";
    var seenByAnotherConnection = new ArrayList<Long>();
    journeys.beforePublish =
        id ->
            seenByAnotherConnection.add(
                new JdbcTemplate(dataSource)
                    .queryForObject(
                        "SELECT COUNT(*) FROM order_fact WHERE order_id = ? AND placed_at IS NOT NULL",
                        Long.class,
                        orderId));
    try {
      handleOrder(placed(run + "-e1", orderId, run + "-c1", "99.00", "CNY"));
    } finally {
      journeys.beforePublish = id -> {};
    }

    assertThat(seenByAnotherConnection).containsExactly(1L);
    assertThat(publishedFor(orderId)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "fault 2: no stored fact without its journey — the engine away after the commit, the"
          + " redelivery publishes it once")
  void noStoredFactWithoutItsJourney_engineAwayAfterTheCommit() {
    String orderId = run + "-o2";
    String event = placed(run + "-e2", orderId, run + "-c2", "99.00", "CNY");
    journeys.beforePublish =
        id -> {
          throw new JourneyUnavailableException("Zeebe did not take message (UNAVAILABLE)", null);
        };
    try {
      assertThatThrownBy(() -> handleOrder(event)).isInstanceOf(JourneyUnavailableException.class);
    } finally {
      journeys.beforePublish = id -> {};
    }
    assertThat(orders.isOrderPlaced(orderId)).as("the fact is stored").isTrue();
    assertThat(publishedFor(orderId)).isZero();

    // the offset was not committed: Kafka delivers the record again
    assertThat(handleOrder(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(publishedFor(orderId)).as("journey started once, on the redelivery").isEqualTo(1);

    // and a resend of the same event starts no second journey
    assertThat(handleOrder(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(publishedFor(orderId)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      textBlock =
          """
          RESOURCE_EXHAUSTED | gRPC message exceeds maximum size 4194304: 5592449
          UNKNOWN            | Command 'PUBLISH' rejected with code 'EXCEEDED_BATCH_RECORD_SIZE'
          INVALID_ARGUMENT   | Message size exceeds maximum
          """)
  @DisplayName(
      "outage (Zeebe: message too large, each of its real answers): the event is dead-lettered, its"
          + " outbox row marked failed, and the key's next event is not held up by it")
  void zeebeMessageTooLargeGoesToTheDeadLetterTopic(Status.Code code, String answer) {
    String orderId = run + "-o7-" + code;
    journeys.beforePublish =
        id -> {
          throw new ClientStatusException(code.toStatus().withDescription(answer), null);
        };
    try {
      assertThatThrownBy(
              () -> handleOrder(placed(run + "-e10-" + code, orderId, run + "-c7", "1.00", "CNY")))
          .isInstanceOf(InvalidEventException.class)
          .hasMessageContaining(
              "Zeebe refused message OrderPlaced for good (" + code + ", too large)");
    } finally {
      journeys.beforePublish = id -> {};
    }
    assertThat(outbox.owed()).isZero();
    assertThat(
            handleOrder(
                """
                {"eventId":"%s","type":"OrderDelivered","occurredAt":"2026-11-11T01:00:00+08:00","orderId":"%s"}
                """
                    .formatted(run + "-e11-" + code, orderId)))
        .isEqualTo(Outcome.APPLIED);
    assertThat(publishedFor(orderId)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Status.Code.class,
      names = {"UNAUTHENTICATED", "PERMISSION_DENIED"})
  @DisplayName(
      "outage (Zeebe refuses Careflow's credentials): fact stored, message owed, health DOWN, never"
          + " dead-lettered; the outbox probe publishes it once the credentials work, and the"
          + " redelivered record publishes nothing twice")
  void zeebeRefusesTheCredentials(Status.Code code) {
    String orderId = run + "-o8-" + code;
    String event = placed(run + "-e12-" + code, orderId, run + "-c8", "1.00", "CNY");
    journeys.beforePublish =
        id -> {
          throw new ClientStatusException(code.toStatus(), null);
        };
    try {
      assertThatThrownBy(() -> handleOrder(event))
          .isInstanceOf(EngineAccessRefusedException.class)
          .satisfies(e -> assertThat(EventErrorHandling.isTransient(e)).isTrue())
          .satisfies(e -> assertThat(EventErrorHandling.refusedCredentials(e)).isNotNull());
      assertThat(engineAccess.health().getStatus())
          .isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
      assertThat(engineAccess.health().getDetails().get("reason").toString()).contains(code.name());
      assertThat(orders.isOrderPlaced(orderId)).as("the fact is stored").isTrue();
      assertThat(outbox.owed()).as("its message owed").isGreaterThanOrEqualTo(1);
      // the probe while the engine still refuses: nothing published, still DOWN
      assertThat(outbox.probe()).isEqualTo(IntakeOutbox.Probe.REFUSED);
      assertThat(publishedFor(orderId)).isZero();
    } finally {
      journeys.beforePublish = id -> {};
    }
    // the credentials work again: the probe publishes the oldest owed message (this one)
    assertThat(outbox.probe()).isEqualTo(IntakeOutbox.Probe.ACCEPTED);
    assertThat(engineAccess.health().getStatus())
        .isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    assertThat(publishedFor(orderId)).isEqualTo(1);
    assertThat(outbox.owed()).isZero();
    // the listeners resume and the record comes again: already processed, nothing published twice
    assertThat(handleOrder(event)).isEqualTo(Outcome.DUPLICATE);
    assertThat(publishedFor(orderId)).isEqualTo(1);
    assertThat(outbox.probe()).isEqualTo(IntakeOutbox.Probe.NOTHING_OWED);
  }

  String cart(String type, String eventId, String customerId, String occurredAt) {
    String body =
        type.equals("CartUpdated")
            ? ",\"items\":[{\"sku\":\"tea\",\"quantity\":1,\"price\":99.00}],\"cartValue\":99.00"
            : "";
    return """
        {"eventId":"%s","type":"%s","occurredAt":"%s","customerId":"%s"%s}
        """
        .formatted(eventId, type, occurredAt, customerId, body);
  }

  long publishedCartMessages(String customerId) {
    return journeys.published.stream().filter(p -> p.contains(":" + customerId + ":")).count();
  }

  @Test
  @DisplayName(
      "fault 3 R18 (a stale message): a CartUpdated older than the latest CartCleared is stored"
          + " nowhere and publishes nothing, so no recovery starts for a cleared cart; a newer one"
          + " does")
  void aStaleCartUpdatedAfterAClearStartsNoRecovery_R18() {
    String buyer = run + "-cart";
    var carts = Topic.CARTS;
    intake.handle(
        "shop.carts", carts, cart("CartUpdated", run + "-u1", buyer, "2026-11-10T21:00:00+08:00"));
    intake.handle(
        "shop.carts", carts, cart("CartCleared", run + "-c1", buyer, "2026-11-10T21:30:00+08:00"));
    assertThat(publishedCartMessages(buyer)).isEqualTo(2);

    // an update from 21:10, arriving after the 21:30 clear (a resend under a new id, say)
    assertThat(
            intake.handle(
                "shop.carts",
                carts,
                cart("CartUpdated", run + "-u0", buyer, "2026-11-10T21:10:00+08:00")))
        .isEqualTo(Outcome.APPLIED);
    assertThat(publishedCartMessages(buyer)).as("no message for the stale update").isEqualTo(2);
    assertThat(outbox.owed()).isZero();

    // a stale clear is no message either; a newer update is, and starts the next recovery
    intake.handle(
        "shop.carts", carts, cart("CartCleared", run + "-c0", buyer, "2026-11-10T21:20:00+08:00"));
    assertThat(publishedCartMessages(buyer)).isEqualTo(2);
    intake.handle(
        "shop.carts", carts, cart("CartUpdated", run + "-u2", buyer, "2026-11-10T22:00:00+08:00"));
    assertThat(journeys.published)
        .filteredOn(p -> p.contains(":" + buyer + ":"))
        .containsExactly(
            "CartUpdated:" + buyer + ":" + run + "-u1",
            "CartCleared:" + buyer + ":" + run + "-c1",
            "CartUpdated:" + buyer + ":" + run + "-u2");
  }

  @Test
  @DisplayName("fault 2: a refused event leaves neither a fact nor a journey")
  void aRefusedEventLeavesNeitherFactNorJourney() {
    String orderId = run + "-o3";
    assertThatThrownBy(
            () -> handleOrder(placed(run + "-e3", orderId, run + "-c3", "12345678901234.5", "CNY")))
        .isInstanceOf(InvalidEventException.class);

    assertThat(orders.isOrderPlaced(orderId)).isFalse();
    assertThat(publishedFor(orderId)).isZero();
  }

  @Test
  @DisplayName(
      "fault 6 (the same event id with different content): refused with a reason, the first"
          + " content stays")
  void theSameEventIdWithDifferentContent() {
    String orderId = run + "-o4";
    handleOrder(placed(run + "-e4", orderId, run + "-c4", "99.00", "CNY"));

    assertThatThrownBy(() -> handleOrder(placed(run + "-e4", orderId, run + "-c4", "5.00", "CNY")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("took effect before with other content");
    // the same content again, keys in another order, is a plain duplicate
    assertThat(
            handleOrder(
                """
                {"type":"OrderPlaced","eventId":"%s","orderId":"%s","occurredAt":"2026-11-11T00:05:00+08:00",
                 "currency":"CNY","customerId":"%s","amount":99.00,"items":[{"quantity":1,"sku":"tea","price":99.00}]}
                """
                    .formatted(run + "-e4", orderId, run + "-c4")))
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(orders.purchaseStats(run + "-c4"))
        .get()
        .satisfies(s -> assertThat(s.orderCount()).isEqualTo(1));
    assertThat(publishedFor(orderId)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "fault 6: an OrderPaid naming another customer is refused; the order keeps its buyer and the"
          + " journey gets no message")
  void anEventWhoseCustomerContradictsThePlacedOrder() {
    String orderId = run + "-o5";
    handleOrder(placed(run + "-e5", orderId, run + "-buyer", "99.00", "CNY"));

    assertThatThrownBy(() -> handleOrder(paid(run + "-e6", orderId, run + "-someone-else", "CNY")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("customerId contradicts order");

    assertThat(orders.placedOrder(orderId))
        .get()
        .returns(run + "-buyer", OrderHistory.PlacedOrder::customerId);
    assertThat(orders.purchaseStats(run + "-someone-else")).isEmpty();
    assertThat(publishedFor(orderId)).as("only OrderPlaced").isEqualTo(1);
    assertThat(outbox.owed()).isZero();
  }

  @Test
  @DisplayName("fault 6: an OrderPaid in another currency than the placed order is refused")
  void anEventWhoseCurrencyContradictsThePlacedOrder() {
    String orderId = run + "-o6";
    handleOrder(placed(run + "-e7", orderId, run + "-c6", "99.00", "CNY"));

    assertThatThrownBy(() -> handleOrder(paid(run + "-e8", orderId, run + "-c6", "USD")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("currency USD contradicts order");
    assertThat(handleOrder(paid(run + "-e9", orderId, run + "-c6", "CNY")))
        .isEqualTo(Outcome.APPLIED);
    assertThat(publishedFor(orderId)).isEqualTo(2);
  }
}
