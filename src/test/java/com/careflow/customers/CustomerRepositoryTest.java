package com.careflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.RepositoryTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

@Import(CustomerRepository.class)
class CustomerRepositoryTest extends RepositoryTestBase {

  @Autowired CustomerRepository customers;

  @Test
  void storesAndReadsAProfile() {
    customers.upsertProfile(
        new Customer(
            "c-profile",
            "Li Lei",
            "+8613800138000",
            "zh-CN",
            "Asia/Shanghai",
            LocalDate.of(1990, 5, 1),
            true,
            0));

    assertThat(customers.find("c-profile"))
        .get()
        .returns("+8613800138000", Customer::phone)
        .returns(LocalDate.of(1990, 5, 1), Customer::birthday)
        .returns(true, Customer::marketingConsent)
        .returns(false, Customer::returning);
  }

  @Test
  void anUpsertKeepsTheOrderHistory() {
    customers.recordPaidOrder("c-history");
    customers.upsertProfile(
        new Customer(
            "c-history", "Han Meimei", "+8613900139000", "en", "Europe/Berlin", null, false, 0));

    assertThat(customers.find("c-history"))
        .get()
        .returns(1, Customer::paidOrders)
        .returns("en", Customer::locale)
        .returns(true, Customer::returning);
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "fault 4 (a consent withdrawal that never applies), R22: an older profile event still"
          + " withdraws consent and changes the phone; nothing else of it applies")
  void aConsentWithdrawalThatNeverApplies_R22() {
    Instant newer = Instant.parse("2026-11-11T10:00:00Z");
    customers.upsertProfile(
        new Customer("c-withdraw", "Li Lei", "+8613800138000", "zh-CN", null, null, true, 0),
        newer);

    boolean newest =
        customers.upsertProfile(
            new Customer("c-withdraw", "Old Name", "+8613900139000", "en", null, null, false, 0),
            newer.minusSeconds(3600));

    assertThat(newest).isFalse();
    assertThat(customers.find("c-withdraw"))
        .get()
        .returns(false, Customer::marketingConsent)
        .returns("+8613900139000", Customer::phone)
        .returns("Li Lei", Customer::name)
        .returns("zh-CN", Customer::locale);
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "fault 4, R22: an older profile event never gives back a consent that was withdrawn")
  void anOlderConsentNeverOverridesAWithdrawal_R22() {
    Instant newer = Instant.parse("2026-11-11T10:00:00Z");
    customers.upsertProfile(
        new Customer("c-keep-out", "Li Lei", null, "zh-CN", null, null, false, 0), newer);

    customers.upsertProfile(
        new Customer("c-keep-out", "Li Lei", null, "zh-CN", null, null, true, 0),
        newer.minusSeconds(3600));

    assertThat(customers.find("c-keep-out")).get().returns(false, Customer::marketingConsent);
  }

  @Test
  void anUnknownCustomerIsEmpty() {
    assertThat(customers.find("nobody")).isEmpty();
  }

  // the R15 inputs the order events maintain: right, and unchanged when the same facts arrive again

  static final Instant NIGHT = Instant.parse("2026-11-10T16:05:00Z"); // 00:05 on 11.11 in Shanghai

  private void twoOrdersOneUnpaid(String customerId) {
    customers.recordOrderPlaced(
        customerId + "-o1", customerId, NIGHT, new BigDecimal("100.00"), "CNY", 2, "double11");
    customers.recordOrderPaid(
        customerId + "-o1", customerId, NIGHT.plusSeconds(60), new BigDecimal("100.00"));
    customers.recordOrderPlaced(
        customerId + "-o2",
        customerId,
        NIGHT.plusSeconds(3600),
        new BigDecimal("1299.50"),
        "CNY",
        3,
        null);
    customers.recordOrderPaid(
        customerId + "-o2", customerId, NIGHT.plusSeconds(7200), new BigDecimal("1299.50"));
    customers.recordOrderPlaced(
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

    var stats = customers.purchaseStats("c-rfm").orElseThrow();
    assertThat(stats.orderCount()).isEqualTo(3);
    assertThat(stats.paidOrders()).isEqualTo(2);
    assertThat(stats.totalPaid()).isEqualByComparingTo("1399.50");
    assertThat(stats.paidUnits()).isEqualTo(5);
    assertThat(stats.averageOrderValue()).isEqualByComparingTo("699.75");
    assertThat(stats.firstOrderAt()).isEqualTo(NIGHT);
    assertThat(stats.lastOrderAt()).isEqualTo(NIGHT.plusSeconds(9000));
    assertThat(stats.lastPaidAt()).isEqualTo(NIGHT.plusSeconds(7200));
    assertThat(customers.find("c-rfm"))
        .get()
        .returns(2, Customer::paidOrders)
        .returns(true, Customer::returning);
  }

  @Test
  void r15_theSameOrderFactsTwiceCountNothingTwice() {
    twoOrdersOneUnpaid("c-replay");
    var once = customers.purchaseStats("c-replay").orElseThrow();

    twoOrdersOneUnpaid("c-replay");
    // a second payment event for a paid order does not add its amount again
    customers.recordOrderPaid(
        "c-replay-o1", "c-replay", NIGHT.plusSeconds(99_999), new BigDecimal("100.00"));

    assertThat(customers.purchaseStats("c-replay")).get().isEqualTo(once);
  }

  @Test
  void aPaymentBeforeItsPlacementStillCountsOnce() {
    customers.recordOrderPaid(
        "c-early-o1", "c-early", NIGHT.plusSeconds(60), new BigDecimal("50.00"));
    customers.recordOrderPlaced(
        "c-early-o1", "c-early", NIGHT, new BigDecimal("50.00"), "CNY", 1, null);

    assertThat(customers.purchaseStats("c-early"))
        .get()
        .returns(1, PurchaseStats::orderCount)
        .returns(1, PurchaseStats::paidOrders)
        .returns(1, PurchaseStats::paidUnits);
  }

  @Test
  void r15_paidOrdersOfAPeriodForRfm() {
    twoOrdersOneUnpaid("c-period");

    assertThat(customers.paidOrders(NIGHT, NIGHT.plusSeconds(3600)))
        .filteredOn(o -> o.customerId().equals("c-period"))
        .singleElement()
        .returns("c-period-o1", PaidOrder::orderId)
        .returns(2, PaidOrder::units);
  }

  @Test
  void anOlderProfileNeverOverwritesANewerOne() {
    var newer =
        new Customer("c-prof", "Li Lei", "+8613800138000", "en", "Europe/Berlin", null, true, 0);
    // (a consent withdrawal and a phone number would still apply: see the fault 4 tests)
    var older = new Customer("c-prof", "Li", null, "zh-CN", "Asia/Shanghai", null, true, 0);

    assertThat(customers.upsertProfile(newer, NIGHT)).isTrue();
    assertThat(customers.upsertProfile(older, NIGHT.minusSeconds(3600))).isFalse();

    assertThat(customers.find("c-prof"))
        .get()
        .returns("+8613800138000", Customer::phone)
        .returns("en", Customer::locale)
        .returns(true, Customer::marketingConsent);
  }

  @Test
  void anOrderBeforeTheProfileCreatesABareProfileTheProfileEventFillsIn() {
    customers.recordOrderPlaced(
        "c-bare-o1", "c-bare", NIGHT, new BigDecimal("10.00"), "CNY", 1, null);
    assertThat(customers.find("c-bare"))
        .get()
        .returns(null, Customer::phone)
        .returns("zh-CN", Customer::locale)
        .returns(false, Customer::marketingConsent);

    customers.upsertProfile(
        new Customer("c-bare", "Han", "+8613700137000", "en", "Asia/Shanghai", null, true, 0),
        NIGHT);

    assertThat(customers.find("c-bare")).get().returns("+8613700137000", Customer::phone);
    assertThat(customers.purchaseStats("c-bare")).get().returns(1, PurchaseStats::orderCount);
  }
}
