package com.careflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.RepositoryTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * {@link OrderHistory}: the order facts the shop's events set and the R15 inputs they maintain,
 * right, and unchanged when the same facts arrive again.
 */
@Import({CustomerProfiles.class, OrderHistory.class, JdbcCustomerQueries.class})
class OrderHistoryTest extends RepositoryTestBase {

  @Autowired OrderHistory orders;
  @Autowired CustomerProfiles profiles;
  @Autowired CustomerQueries queries;

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
}
