package com.careflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.RepositoryTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * {@link CustomerProfiles}: profile upserts and their ordering rules (a consent withdrawal and a
 * phone change always apply, R22), the bare profile of a buyer known only from orders, look-ups.
 */
@Import({CustomerProfiles.class, OrderHistory.class})
class CustomerProfilesTest extends RepositoryTestBase {

  static final Instant NIGHT = OrderHistoryTest.NIGHT;

  @Autowired CustomerProfiles profiles;
  @Autowired OrderHistory orders;

  @Test
  void storesAndReadsAProfile() {
    profiles.upsertProfile(
        new Customer(
            "c-profile",
            "Li Lei",
            "+8613800138000",
            "zh-CN",
            "Asia/Shanghai",
            LocalDate.of(1990, 5, 1),
            true,
            0));

    assertThat(profiles.find("c-profile"))
        .get()
        .returns("+8613800138000", Customer::phone)
        .returns(LocalDate.of(1990, 5, 1), Customer::birthday)
        .returns(true, Customer::marketingConsent)
        .returns(false, Customer::returning);
  }

  @Test
  void anUpsertKeepsTheOrderHistory() {
    orders.recordPaidOrder("c-history");
    profiles.upsertProfile(
        new Customer(
            "c-history", "Han Meimei", "+8613900139000", "en", "Europe/Berlin", null, false, 0));

    assertThat(profiles.find("c-history"))
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
    profiles.upsertProfile(
        new Customer("c-withdraw", "Li Lei", "+8613800138000", "zh-CN", null, null, true, 0),
        newer);

    boolean newest =
        profiles.upsertProfile(
            new Customer("c-withdraw", "Old Name", "+8613900139000", "en", null, null, false, 0),
            newer.minusSeconds(3600));

    assertThat(newest).isFalse();
    assertThat(profiles.find("c-withdraw"))
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
    profiles.upsertProfile(
        new Customer("c-keep-out", "Li Lei", null, "zh-CN", null, null, false, 0), newer);

    profiles.upsertProfile(
        new Customer("c-keep-out", "Li Lei", null, "zh-CN", null, null, true, 0),
        newer.minusSeconds(3600));

    assertThat(profiles.find("c-keep-out")).get().returns(false, Customer::marketingConsent);
  }

  @Test
  void anOlderProfileNeverOverwritesANewerOne() {
    var newer =
        new Customer("c-prof", "Li Lei", "+8613800138000", "en", "Europe/Berlin", null, true, 0);
    // (a consent withdrawal and a phone number would still apply: see the fault 4 tests)
    var older = new Customer("c-prof", "Li", null, "zh-CN", "Asia/Shanghai", null, true, 0);

    assertThat(profiles.upsertProfile(newer, NIGHT)).isTrue();
    assertThat(profiles.upsertProfile(older, NIGHT.minusSeconds(3600))).isFalse();

    assertThat(profiles.find("c-prof"))
        .get()
        .returns("+8613800138000", Customer::phone)
        .returns("en", Customer::locale)
        .returns(true, Customer::marketingConsent);
  }

  @Test
  void anOrderBeforeTheProfileCreatesABareProfileTheProfileEventFillsIn() {
    orders.recordOrderPlaced("c-bare-o1", "c-bare", NIGHT, new BigDecimal("10.00"), "CNY", 1, null);
    assertThat(profiles.find("c-bare"))
        .get()
        .returns(null, Customer::phone)
        .returns(null, Customer::locale) // none sent: readers use the shop's default (issue #20)
        .returns(null, Customer::timeZone)
        .returns(false, Customer::marketingConsent);

    profiles.upsertProfile(
        new Customer("c-bare", "Han", "+8613700137000", "en", "Asia/Shanghai", null, true, 0),
        NIGHT);

    assertThat(profiles.find("c-bare")).get().returns("+8613700137000", Customer::phone);
    assertThat(orders.purchaseStats("c-bare")).get().returns(1, PurchaseStats::orderCount);
  }

  /**
   * Issue #20, one source per default: the row keeps what the shop sent, so a later change of the
   * configured default (messaging's settings) reaches this buyer; the shop's own values replace it.
   */
  @Test
  void aProfileWithoutLocaleOrZoneStoresNoneNotTheShopsDefault() {
    profiles.upsertProfile(
        new Customer("c-no-locale", "Li Lei", "+8613800138000", null, null, null, true, 0), NIGHT);
    assertThat(profiles.find("c-no-locale"))
        .get()
        .returns(null, Customer::locale)
        .returns(null, Customer::timeZone);

    profiles.upsertProfile(
        new Customer(
            "c-no-locale", "Li Lei", "+8613800138000", "en", "Europe/Berlin", null, true, 0),
        NIGHT.plusSeconds(60));
    assertThat(profiles.find("c-no-locale"))
        .get()
        .returns("en", Customer::locale)
        .returns("Europe/Berlin", Customer::timeZone);

    profiles.upsertProfile(
        new Customer("c-no-locale", "Li Lei", "+8613800138000", null, null, null, true, 0),
        NIGHT.plusSeconds(120));
    assertThat(profiles.find("c-no-locale"))
        .get()
        .returns(null, Customer::locale)
        .returns(null, Customer::timeZone);
  }

  @Test
  void anUnknownCustomerIsEmpty() {
    assertThat(profiles.find("nobody")).isEmpty();
  }
}
