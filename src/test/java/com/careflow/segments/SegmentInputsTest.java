package com.careflow.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RFM inputs computed from an order history (fake source); the SQL is tested in
 * CustomerRfmInputsSourceTest.
 */
class SegmentInputsTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private final List<Instant> askedPeriodStarts = new ArrayList<>();

  private SegmentInputs inputsFor(OrderHistory history, Period period) {
    RfmInputsSource source =
        (customerId, periodStart) -> {
          askedPeriodStarts.add(periodStart);
          return history;
        };
    return new SegmentInputs(
        source, new SegmentProperties(period), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void r15_recencyIsWholeDaysSinceTheLastPaidOrder() {
    var history =
        new OrderHistory(
            3,
            Instant.parse("2026-08-24T11:00:00Z"),
            2,
            new BigDecimal("480.50"),
            new BigDecimal("300"),
            4);

    var values = inputsFor(history, Period.ofMonths(12)).compute("c-1");

    assertThat(values.recencyDays()).isEqualTo(89L);
    assertThat(values.frequency()).isEqualTo(2);
    assertThat(values.monetary()).isEqualByComparingTo("480.50");
    assertThat(values.lifetimeOrders()).isEqualTo(3);
    assertThat(values.largestOrderAmount()).isEqualByComparingTo("300");
    assertThat(values.largestOrderUnits()).isEqualTo(4);
  }

  @Test
  void r15_neverPaidHasNoRecency() {
    var values = inputsFor(OrderHistory.NONE, Period.ofMonths(12)).compute("c-new");

    assertThat(values.recencyDays()).isNull();
    assertThat(values.lifetimeOrders()).isZero();
  }

  @Test
  void r15_thePeriodIsTheShopSetting() {
    inputsFor(OrderHistory.NONE, Period.ofMonths(6)).compute("c-1");

    assertThat(askedPeriodStarts).containsExactly(Instant.parse("2026-05-22T10:00:00Z"));
  }
}
