package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.analytics.AnalyticsFacts.CancellationFact;
import com.careflow.analytics.AnalyticsFacts.OrderFact;
import com.careflow.analytics.AnalyticsFacts.OrderPlacedFact;
import com.careflow.analytics.AnalyticsFacts.PaymentFact;
import com.careflow.analytics.AnalyticsFacts.RefundFact;
import com.careflow.analytics.AnalyticsFacts.SendFact;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Order facts recorded in batches ({@link AnalyticsFacts#recordOrderFacts}, issue #19) give exactly
 * what the same facts give one by one (on PostgreSQL when CAREFLOW_TEST_DB_URL is set, else H2):
 * every rollup, buyer set, influence, member and reminder row, and each order's credit (R23) and
 * buyer kind (R25).
 */
class OrderFactBatchTest extends AnalyticsTestBase {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /**
   * R23-R26 on random nights: the order facts cut into random batches, placed among the sends,
   * receipts and coupons, with facts repeated inside a batch and in later batches; a batch often
   * holds a payment before its order's placement, a refund or cancellation of an order it places or
   * pays, and two orders of one buyer.
   */
  @ParameterizedTest(name = "R23-R26 batches give the rollups of their facts one by one, seed {0}")
  @ValueSource(longs = {3, 7, 19})
  void batchesGiveTheRollupsOfTheirFactsOneByOne(long seed) {
    start();
    List<Object> facts = RandomFacts.generate(seed, 25, 400, 250, RollupReferenceTest.DAYS);
    Random random = new Random(seed);
    List<Object> steps = script(facts, random);
    assertThat(steps).anyMatch(s -> s instanceof List<?> l && sharesABuyer(l));

    steps.forEach(this::oneByOne);
    List<String> oneByOne = everything();
    assertThat(oneByOne).anyMatch(l -> l.startsWith("FOLLOW|"));

    emptyTheAnalytics();
    List<OrderFact> recorded = new ArrayList<>();
    for (Object step : steps) {
      if (step instanceof List<?> group) {
        List<OrderFact> batch = new ArrayList<>();
        for (Object f : group) {
          batch.add((OrderFact) f);
        }
        // repeats: of the batch's own facts, and of facts recorded in earlier batches
        for (int i = random.nextInt(4); i > 0; i--) {
          batch.add(batch.get(random.nextInt(batch.size())));
        }
        for (int i = recorded.isEmpty() ? 0 : random.nextInt(3); i > 0; i--) {
          batch.add(recorded.get(random.nextInt(recorded.size())));
        }
        Collections.shuffle(batch, random);
        recorder.recordOrderFacts(batch);
        recorded.addAll(batch);
      } else {
        RandomFacts.apply(recorder, step);
      }
    }
    assertThat(everything()).isEqualTo(oneByOne);
    assertThat(rollupSnapshot())
        .isEqualTo(new ReferenceModel(facts, Duration.ofHours(72), SHANGHAI).snapshot());

    recorder.recordOrderFacts(recorded); // all of them again, in one batch: nothing changes
    assertThat(everything()).isEqualTo(oneByOne);
  }

  /**
   * R25 and R23 in one batch: a buyer's two orders, the later one's facts first and its payment
   * before its placement, one refunded and the other cancelled in the same batch: the earlier paid
   * order is the new buyer's, the later a returning buyer's, each payment credited to the message
   * before it, and the figures are those of the facts one by one.
   */
  @Test
  void r25_r23_twoOrdersOfOneBuyerInOneBatch() {
    start(SHANGHAI, Duration.ofHours(72), LocalDate.parse("2025-01-01"));
    Instant t = RandomFacts.START.plusSeconds(3600);
    List<Object> sends =
        List.of(send("s1", "b1", t), send("s2", "b1", t.plusSeconds(7200)), send("s3", "b2", t));
    List<OrderFact> batch =
        List.of(
            new PaymentFact(
                "o2", "b1", new BigDecimal("80.00"), "CNY", t.plusSeconds(9000), 1, null, null),
            new OrderPlacedFact(
                "o2", "b1", new BigDecimal("80.00"), "CNY", t.plusSeconds(8000), null),
            new CancellationFact("o2", t.plusSeconds(20000)),
            new RefundFact("o1", new BigDecimal("10.00"), t.plusSeconds(10000)),
            new OrderPlacedFact(
                "o1", "b1", new BigDecimal("50.00"), "CNY", t.plusSeconds(100), null),
            new PaymentFact(
                "o1", "b1", new BigDecimal("50.00"), "CNY", t.plusSeconds(600), 2, null, null),
            new OrderPlacedFact("o3", "b2", new BigDecimal("30.00"), "CNY", t.plusSeconds(50), 4),
            new PaymentFact(
                "o3", "b2", new BigDecimal("30.00"), "CNY", t.plusSeconds(60), 1, null, null));
    sends.forEach(s -> RandomFacts.apply(recorder, s));
    batch.forEach(f -> RandomFacts.apply(recorder, f));
    List<String> oneByOne = everything();

    emptyTheAnalytics();
    sends.forEach(s -> RandomFacts.apply(recorder, s));
    recorder.recordOrderFacts(batch);

    assertThat(kindAndCredit("o1")).isEqualTo("NEW s1");
    assertThat(kindAndCredit("o2")).isEqualTo("RETURNING s2");
    assertThat(kindAndCredit("o3")).as("the shop says 4 earlier orders").isEqualTo("RETURNING s3");
    assertThat(everything()).isEqualTo(oneByOne);
    LocalDate day = RandomFacts.START.atZone(SHANGHAI).toLocalDate();
    assertThat(reports.members(day, day).rows())
        .anySatisfy(
            row -> {
              assertThat(row.buyerKind()).isEqualTo("NEW");
              assertThat(row.buyers()).isEqualTo(1);
              assertThat(row.orders()).isEqualTo(2); // o1 and its buyer's later o2
            });
  }

  /**
   * A batch with a fact its own method refuses is refused whole, naming the fact, and stores
   * nothing; the good facts of it then record one by one.
   */
  @Test
  void aRefusedFactRefusesItsBatchAndStoresNothing() {
    start();
    Instant t = RandomFacts.START.plusSeconds(3600);
    List<OrderFact> batch =
        List.of(
            new OrderPlacedFact("o1", "b1", new BigDecimal("50.00"), "CNY", t, null),
            new PaymentFact("o1", "b1", new BigDecimal("50.00"), "XTS", t, 1, null, null));

    assertThatThrownBy(() -> recorder.recordOrderFacts(batch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order fact 1 of the batch (PaymentFact of order o1)")
        .hasMessageContaining("exchange-rates");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM analytics_order", Integer.class)).isZero();
    assertThat(rollupSnapshot()).isEmpty();

    recorder.recordOrderFacts(batch.subList(0, 1));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM analytics_order", Integer.class)).isOne();
  }

  private static SendFact send(String id, String customer, Instant at) {
    return new SendFact(
        id,
        "SM" + id,
        customer,
        null,
        "order-journey",
        1,
        "Activity_CareMessage",
        "CareMessage",
        null,
        null,
        "A",
        "TRANSACTIONAL",
        "SMS",
        "care",
        "zh-CN",
        "DELIVERED",
        1,
        new BigDecimal("0.05"),
        "CNY",
        null,
        at);
  }

  private String kindAndCredit(String orderId) {
    return jdbc.queryForObject(
        "SELECT buyer_kind, credited_send_id FROM analytics_order WHERE order_id = ?",
        (rs, i) -> rs.getString(1) + " " + rs.getString(2),
        orderId);
  }

  /**
   * The facts as steps: each non-order fact alone, and the order facts, shuffled, cut into groups
   * of 1 to 60 placed at random among them.
   */
  private static List<Object> script(List<Object> facts, Random random) {
    List<Object> steps = new ArrayList<>();
    List<Object> orderFacts = new ArrayList<>();
    for (Object f : facts) {
      (f instanceof OrderFact ? orderFacts : steps).add(f);
    }
    Collections.shuffle(steps, random);
    Collections.shuffle(orderFacts, random);
    for (int from = 0; from < orderFacts.size(); ) {
      int to = Math.min(orderFacts.size(), from + 1 + random.nextInt(60));
      steps.add(random.nextInt(steps.size() + 1), new ArrayList<>(orderFacts.subList(from, to)));
      from = to;
    }
    return steps;
  }

  private void oneByOne(Object step) {
    if (step instanceof List<?> group) {
      group.forEach(f -> RandomFacts.apply(recorder, f));
    } else {
      RandomFacts.apply(recorder, step);
    }
  }

  private static boolean sharesABuyer(List<?> group) {
    List<String> buyers = new ArrayList<>();
    for (Object f : group) {
      if (f instanceof OrderPlacedFact p) {
        if (buyers.contains(p.customerId())) {
          return true;
        }
        buyers.add(p.customerId());
      }
    }
    return false;
  }

  /** Every rollup and day rollup row and each order's derived columns, as text. */
  private List<String> everything() {
    List<String> all = new ArrayList<>(rollupSnapshot());
    all.addAll(Snapshots.dayRollups(jdbc));
    jdbc.query(
        "SELECT order_id, customer_id, buyer_kind, rule_version, credited_send_id,"
            + " credited_lag_seconds, refunds, cancellation, coupon_applied, reminded,"
            + " reminder_lag_seconds FROM analytics_order ORDER BY order_id",
        rs -> {
          StringBuilder line = new StringBuilder("ORDER");
          for (int c = 1; c <= 11; c++) {
            Object v = rs.getObject(c);
            line.append('|').append(v instanceof BigDecimal d ? d.stripTrailingZeros() : v);
          }
          all.add(line.toString());
        });
    return all;
  }

  /**
   * Empties the analytics tables but the buyers' lock rows (so each buyer keeps its number in the
   * buyer sets) and the attribution rules.
   */
  private void emptyTheAnalytics() {
    List<String> tables = new ArrayList<>(Snapshots.ROLLUP_TABLES);
    tables.addAll(
        List.of(
            "analytics_buyer_week_stale",
            "analytics_refund",
            "analytics_order",
            "analytics_pending_status",
            "analytics_send",
            "analytics_coupon",
            "analytics_test_send",
            "analytics_test_coupon"));
    for (String table : tables) {
      jdbc.update("DELETE FROM " + table);
    }
    assertThat(everything()).isEmpty();
  }
}
