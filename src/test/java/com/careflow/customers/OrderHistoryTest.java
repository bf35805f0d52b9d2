package com.careflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.RepositoryTestBase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link OrderHistory}: the order facts the shop's events set and the R15 inputs they maintain,
 * right, and unchanged when the same facts arrive again.
 */
@Import({CustomerProfiles.class, OrderHistory.class, JdbcCustomerQueries.class})
class OrderHistoryTest extends RepositoryTestBase {

  @Autowired OrderHistory orders;
  @Autowired CustomerProfiles profiles;
  @Autowired CustomerQueries queries;
  @Autowired JdbcClient jdbc;

  static final Instant NIGHT = Instant.parse("2026-11-10T16:05:00Z"); // 00:05 on 11.11 in Shanghai

  private void twoOrdersOneUnpaid(String customerId) {
    orders.recordOrderPlaced(
        customerId + "-o1", customerId, NIGHT, new BigDecimal("100.00"), "CNY", 2, "double11");
    orders.recordOrderPaid(
        customerId + "-o1", customerId, NIGHT.plusSeconds(60), new BigDecimal("100.00"));
    orders.recordOrderPlaced(
        customerId + "-o2",
        customerId,
        NIGHT.plusSeconds(3600),
        new BigDecimal("1299.50"),
        "CNY",
        3,
        null);
    orders.recordOrderPaid(
        customerId + "-o2", customerId, NIGHT.plusSeconds(7200), new BigDecimal("1299.50"));
    orders.recordOrderPlaced(
        customerId + "-o3",
        customerId,
        NIGHT.plusSeconds(9000),
        new BigDecimal("20.00"),
        "CNY",
        1,
        null);
  }

  @Test
  void r15_countsOrdersPaymentsUnitsAndAverageOrderValue() {
    twoOrdersOneUnpaid("c-rfm");

    var stats = orders.purchaseStats("c-rfm").orElseThrow();
    assertThat(stats.orderCount()).isEqualTo(3);
    assertThat(stats.paidOrders()).isEqualTo(2);
    assertThat(stats.totalPaid()).isEqualByComparingTo("1399.50");
    assertThat(stats.paidUnits()).isEqualTo(5);
    assertThat(stats.averageOrderValue()).isEqualByComparingTo("699.75");
    assertThat(stats.firstOrderAt()).isEqualTo(NIGHT);
    assertThat(stats.lastOrderAt()).isEqualTo(NIGHT.plusSeconds(9000));
    assertThat(stats.lastPaidAt()).isEqualTo(NIGHT.plusSeconds(7200));
    assertThat(profiles.find("c-rfm"))
        .get()
        .returns(2, Customer::paidOrders)
        .returns(true, Customer::returning);
  }

  @Test
  void r15_theSameOrderFactsTwiceCountNothingTwice() {
    twoOrdersOneUnpaid("c-replay");
    var once = orders.purchaseStats("c-replay").orElseThrow();

    twoOrdersOneUnpaid("c-replay");
    // a second payment event for a paid order does not add its amount again
    orders.recordOrderPaid(
        "c-replay-o1", "c-replay", NIGHT.plusSeconds(99_999), new BigDecimal("100.00"));

    assertThat(orders.purchaseStats("c-replay")).get().isEqualTo(once);
  }

  @Test
  void anOrderKnownBeforeItsPlacementHasNoCurrencyUntilTheShopSaysOne() {
    // #20 one source per default: no 'CNY' written by the table for a shop that may sell in USD
    orders.recordOrderPaid("c-usd-o1", "c-usd", NIGHT.plusSeconds(60), new BigDecimal("50.00"));
    assertThat(queries.order("c-usd-o1")).get().returns(null, CustomerQueries.OrderFacts::currency);

    orders.recordOrderPlaced("c-usd-o1", "c-usd", NIGHT, new BigDecimal("50.00"), "USD", 1, null);
    assertThat(queries.order("c-usd-o1"))
        .get()
        .returns("USD", CustomerQueries.OrderFacts::currency);
  }

  @Test
  void aPaymentBeforeItsPlacementStillCountsOnce() {
    orders.recordOrderPaid("c-early-o1", "c-early", NIGHT.plusSeconds(60), new BigDecimal("50.00"));
    orders.recordOrderPlaced(
        "c-early-o1", "c-early", NIGHT, new BigDecimal("50.00"), "CNY", 1, null);

    assertThat(orders.purchaseStats("c-early"))
        .get()
        .returns(1, PurchaseStats::orderCount)
        .returns(1, PurchaseStats::paidOrders)
        .returns(1, PurchaseStats::paidUnits);
  }

  @Test
  void r15_paidOrdersOfAPeriodForRfm() {
    twoOrdersOneUnpaid("c-period");

    assertThat(orders.paidOrders(NIGHT, NIGHT.plusSeconds(3600)))
        .filteredOn(o -> o.customerId().equals("c-period"))
        .singleElement()
        .returns("c-period-o1", PaidOrder::orderId)
        .returns(2, PaidOrder::units);
  }

  @Test
  void fault9_theCarriersLastUpdateAndTheReviewTextAreKeptForTheOrderPage() {
    orders.recordOrderPlaced("c-page-o1", "c-page", NIGHT, new BigDecimal("99.00"), "CNY", 1, null);
    orders.recordLogisticsStatus(
        "c-page-o1", "exception", "parcel held at the hub", NIGHT.plusSeconds(60));
    orders.recordLogisticsStatus("c-page-o1", "in-transit", "left the hub", NIGHT.plusSeconds(120));
    orders.recordReview("c-page-o1", "c-page", NIGHT.plusSeconds(180), 2, "box was crushed");

    var facts = queries.order("c-page-o1").orElseThrow();
    assertThat(facts.customerId()).isEqualTo("c-page");
    assertThat(facts.amount()).isEqualByComparingTo("99.00");
    assertThat(facts.logisticsStatus()).isEqualTo("in-transit");
    assertThat(facts.lastCarrierUpdate()).isEqualTo("left the hub");
    assertThat(facts.logisticsUpdatedAt()).isEqualTo(NIGHT.plusSeconds(120));
    assertThat(facts.reviewRating()).isEqualTo(2);
    assertThat(facts.reviewText()).isEqualTo("box was crushed");
    assertThat(queries.order("c-page-unknown")).isEmpty();
  }

  // --- the counters as increments (issue #19): each kind of event sequence, and the recount they
  // equal

  /**
   * One shop event as a test step: {@code o} is the order id, {@code b} the buyer (or null), both
   * made unique to the case by a prefix given when it runs (the cases share one database).
   */
  private record Step(String name, BiConsumer<OrderHistory, String> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String id(String prefix, String id) {
    return id == null ? null : prefix + id;
  }

  private static Step placed(String o, String b, long at, String amount, int units) {
    return new Step(
        "placed " + o + " by " + b,
        (h, p) ->
            h.recordOrderPlaced(
                p + o,
                id(p, b),
                NIGHT.plusSeconds(at),
                new BigDecimal(amount),
                "CNY",
                units,
                null));
  }

  private static Step paid(String o, String b, long at, String amount) {
    return new Step(
        "paid " + o + " by " + b,
        (h, p) ->
            h.recordOrderPaid(
                p + o,
                id(p, b),
                NIGHT.plusSeconds(at),
                amount == null ? null : new BigDecimal(amount)));
  }

  private static Step review(String o, String b) {
    return new Step(
        "review " + o + " by " + b, (h, p) -> h.recordReview(p + o, id(p, b), NIGHT, 5, "ok"));
  }

  /**
   * Expected R15 counters of buyer "a" after the steps: orders, paid orders, total paid, paid
   * units, first/last order and last payment (seconds after NIGHT, or null).
   */
  static Stream<Arguments> r15_counterCases() {
    return Stream.of(
        Arguments.of(
            "replayed placed",
            List.of(placed("o1", "a", 0, "10.00", 2), placed("o1", "a", 0, "10.00", 2)),
            new long[] {1, 0, 0, 0},
            0L,
            0L,
            null),
        Arguments.of(
            "replayed paid",
            List.of(
                placed("o1", "a", 0, "10.00", 2),
                paid("o1", "a", 60, "10.00"),
                paid("o1", "a", 60, "10.00")),
            new long[] {1, 1, 1000, 2},
            0L,
            0L,
            60L),
        Arguments.of(
            "paid before placed (the placement's earlier time: recount fallback)",
            List.of(paid("o1", "a", 60, null), placed("o1", "a", 0, "10.00", 2)),
            new long[] {1, 1, 1000, 2},
            0L,
            0L,
            60L),
        Arguments.of(
            "paid before placed at the same time (amount unknown, then known)",
            List.of(paid("o1", "a", 0, null), placed("o1", "a", 0, "10.00", 2)),
            new long[] {1, 1, 1000, 2},
            0L,
            0L,
            0L),
        Arguments.of(
            "two payments of one order: the first counts",
            List.of(
                placed("o1", "a", 0, "10.00", 2),
                paid("o1", "a", 60, "9.50"),
                paid("o1", "a", 120, "10.00")),
            new long[] {1, 1, 950, 2},
            0L,
            0L,
            60L),
        Arguments.of(
            "a second payment names the amount the first did not: that amount counts",
            List.of(
                placed("o1", "a", 0, "10.00", 2),
                paid("o1", "a", 60, null),
                paid("o1", "a", 120, "9.50")),
            new long[] {1, 1, 950, 2},
            0L,
            0L,
            60L),
        Arguments.of(
            "paid without an amount: the order amount counts",
            List.of(placed("o1", "a", 0, "10.00", 2), paid("o1", "a", 60, null)),
            new long[] {1, 1, 1000, 2},
            0L,
            0L,
            60L),
        Arguments.of(
            "orders of two buyers interleaved",
            List.of(
                placed("o1", "a", 0, "10.00", 1),
                placed("o2", "b", 10, "99.00", 9),
                placed("o3", "a", 20, "5.00", 3),
                paid("o2", "b", 30, null),
                paid("o3", "a", 40, null),
                paid("o1", "a", 50, null)),
            new long[] {2, 2, 1500, 4},
            0L,
            20L,
            50L),
        Arguments.of(
            "a paid order first known without its buyer, named by a review",
            List.of(paid("o1", null, 60, "10.00"), review("o1", "a")),
            new long[] {0, 1, 1000, 0},
            60L,
            60L,
            60L),
        Arguments.of(
            "an order placed again by another buyer leaves the first buyer's counters",
            List.of(
                placed("o1", "a", 0, "10.00", 1),
                paid("o1", "a", 60, null),
                placed("o1", "b", 0, "10.00", 1)),
            new long[] {0, 0, 0, 0},
            null,
            null,
            null),
        Arguments.of(
            "a placement replayed with another time moves the buyer's times",
            List.of(
                placed("o1", "a", 0, "10.00", 1),
                placed("o2", "a", 100, "10.00", 1),
                placed("o2", "a", 50, "10.00", 1)),
            new long[] {2, 0, 0, 0},
            0L,
            50L,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("r15_counterCases")
  void r15_countersAfterEachKindOfEventSequence(
      String kind,
      List<Step> steps,
      long[] counts,
      Long firstOrder,
      Long lastOrder,
      Long lastPaid) {
    String prefix = "k" + Math.abs(kind.hashCode()) + "-";
    steps.forEach(s -> s.apply().accept(orders, prefix));

    var stats = orders.purchaseStats(prefix + "a").orElseThrow();
    assertThat(stats.orderCount()).as("order count").isEqualTo((int) counts[0]);
    assertThat(stats.paidOrders()).as("paid orders").isEqualTo((int) counts[1]);
    assertThat(stats.totalPaid())
        .as("total paid")
        .isEqualByComparingTo(BigDecimal.valueOf(counts[2], 2));
    assertThat(stats.paidUnits()).as("paid units").isEqualTo((int) counts[3]);
    assertThat(stats.firstOrderAt()).isEqualTo(at(firstOrder));
    assertThat(stats.lastOrderAt()).isEqualTo(at(lastOrder));
    assertThat(stats.lastPaidAt()).isEqualTo(at(lastPaid));
    assertIncrementsEqualRecount(prefix + "a");
    assertIncrementsEqualRecount(prefix + "b");
  }

  private static Instant at(Long seconds) {
    return seconds == null ? null : NIGHT.plusSeconds(seconds);
  }

  @Test
  void r15_aReplayTouchesNoCounter() {
    orders.recordOrderPlaced(
        "c-touch-o1", "c-touch", NIGHT, new BigDecimal("10.00"), "CNY", 1, null);
    orders.recordOrderPaid("c-touch-o1", "c-touch", NIGHT.plusSeconds(60), new BigDecimal("10.00"));
    // a mark only an untouched row keeps: neither a counter write nor a recount leaves it
    var marked = Timestamp.from(Instant.parse("2001-01-01T00:00:00Z"));
    jdbc.sql(
            "UPDATE customer SET updated_at = :at, paid_units = 1000 WHERE customer_id = 'c-touch'")
        .param("at", marked)
        .update();

    orders.recordOrderPlaced(
        "c-touch-o1", "c-touch", NIGHT, new BigDecimal("10.00"), "CNY", 1, null);
    orders.recordOrderPaid("c-touch-o1", "c-touch", NIGHT.plusSeconds(60), new BigDecimal("10.00"));
    // a second payment event of a paid order
    orders.recordOrderPaid("c-touch-o1", "c-touch", NIGHT.plusSeconds(99), new BigDecimal("1.00"));
    orders.recordReview("c-touch-o1", "c-touch", NIGHT.plusSeconds(120), 4, null);

    assertThat(
            jdbc.sql(
                    "SELECT paid_units FROM customer WHERE customer_id = 'c-touch'"
                        + " AND updated_at = :at")
                .param("at", marked)
                .query(Integer.class)
                .optional())
        .contains(1000);
  }

  /**
   * A property of the increments: after any sequence of placed, paid and review events (replays,
   * payments before placements, unknown and rounded amounts, buyers named late or changed) every
   * buyer's counters equal a full recount from their order rows.
   */
  @Test
  void r15_afterAnyEventSequenceTheIncrementsEqualARecount() {
    for (int seed = 0; seed < 60; seed++) {
      var random = new Random(seed);
      String prefix = "p" + seed + "-";
      List<String> buyers = List.of(prefix + "a", prefix + "b");
      var log = new ArrayList<String>();
      for (int i = 0; i < 12; i++) {
        String order = prefix + "o" + random.nextInt(4);
        String buyer = random.nextInt(8) == 0 ? null : buyers.get(random.nextInt(5) == 0 ? 1 : 0);
        Instant at = NIGHT.plusSeconds(random.nextInt(5) * 60L);
        // three decimals: the column keeps two, the increments must add what it kept
        BigDecimal amount =
            random.nextInt(4) == 0 ? null : BigDecimal.valueOf(random.nextInt(100_000), 3);
        switch (random.nextInt(3)) {
          case 0 -> {
            log.add("placed " + order + " " + buyer + " " + at + " " + amount);
            orders.recordOrderPlaced(
                order,
                buyer,
                at,
                amount == null ? BigDecimal.ONE : amount,
                "CNY",
                random.nextInt(4),
                null);
          }
          case 1 -> {
            log.add("paid " + order + " " + buyer + " " + at + " " + amount);
            orders.recordOrderPaid(order, buyer, at, amount);
          }
          default -> {
            if (buyer != null) {
              log.add("review " + order + " " + buyer);
              orders.recordReview(order, buyer, at, 3, null);
            }
          }
        }
      }
      for (String buyer : buyers) {
        var incremental = orders.purchaseStats(buyer);
        if (incremental.isPresent()) {
          orders.recountCounters(buyer, Timestamp.from(Instant.now()));
          assertThat(orders.purchaseStats(buyer))
              .as("seed %d, buyer %s after %s", seed, buyer, log)
              .isEqualTo(incremental);
        }
      }
    }
  }

  private void assertIncrementsEqualRecount(String buyer) {
    var incremental = orders.purchaseStats(buyer);
    if (incremental.isEmpty()) {
      return;
    }
    orders.recountCounters(buyer, Timestamp.from(Instant.now()));
    assertThat(orders.purchaseStats(buyer)).as("recount of %s", buyer).isEqualTo(incremental);
  }
}
