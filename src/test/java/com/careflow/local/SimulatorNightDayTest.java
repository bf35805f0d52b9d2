package com.careflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * #17: where the simulator's night lands by default (the next 11 November of the engine clock) and
 * which of its events a run plays (the sale day and the days after it, up to an end).
 */
class SimulatorNightDayTest {

  @Test
  @DisplayName(
      "without time-lapse the default sale day is the latest 11 November whose played days are"
          + " over, so no event lies ahead of the clock")
  void withoutTimeLapseTheDefaultDayLiesInThePast() {
    assertThat(LocalSimulatorController.defaultSaleDay(LocalDate.of(2026, 11, 30), false, 6))
        .isEqualTo(LocalDate.of(2026, 11, 11));
    assertThat(LocalSimulatorController.defaultSaleDay(LocalDate.of(2026, 11, 17), false, 6))
        .isEqualTo(LocalDate.of(2025, 11, 11));
    assertThat(LocalSimulatorController.defaultSaleDay(LocalDate.of(2026, 11, 18), false, 6))
        .isEqualTo(LocalDate.of(2026, 11, 11));
    assertThat(LocalSimulatorController.defaultSaleDay(LocalDate.of(2026, 11, 30), true, 6))
        .isEqualTo(LocalDate.of(2027, 11, 11));
  }

  @Test
  @DisplayName("the default sale day is the next 11 November after today, never today or before")
  void theDefaultDayIsTheNextDouble11() {
    assertThat(LocalSimulatorController.nextDouble11(LocalDate.of(2026, 11, 30)))
        .isEqualTo(LocalDate.of(2027, 11, 11));
    assertThat(LocalSimulatorController.nextDouble11(LocalDate.of(2026, 11, 10)))
        .isEqualTo(LocalDate.of(2026, 11, 11));
    assertThat(LocalSimulatorController.nextDouble11(LocalDate.of(2026, 11, 11)))
        .isEqualTo(LocalDate.of(2027, 11, 11));
    assertThat(LocalSimulatorController.nextDouble11(LocalDate.of(2027, 1, 1)))
        .isEqualTo(LocalDate.of(2027, 11, 11));
  }

  @Test
  @DisplayName(
      "a plan cut at an end keeps the events before it, in order, and the whole night's counts")
  void aPlanUntilAnEndKeepsTheEarlierEvents() {
    Instant dayStart = LocalDate.of(2027, 11, 11).atStartOfDay(Double11Night.SHANGHAI).toInstant();
    var night = new Double11Night("shop.orders", "shop.carts", "shop.customers");
    var whole = night.generate(8, 24, 1717, dayStart);
    var coupon = new Double11Night.Redemption("CFCUT0001", new java.math.BigDecimal("10.00"));
    Instant end = dayStart.plus(Duration.ofDays(7));
    var played = whole.until(end);
    assertThat(whole.events().getLast().at()).as("the seed's night has a later tail").isAfter(end);
    assertThat(played.events()).isNotEmpty().allMatch(e -> e.at().isBefore(end));
    assertThat(played.events())
        .containsExactlyElementsOf(
            whole.events().stream().filter(e -> e.at().isBefore(end)).toList());
    assertThat(played.counts()).isEqualTo(whole.counts());
    // the return visits too: those begun before the end, each with its events before it
    assertThat(played.visits())
        .isNotEmpty()
        .hasSize((int) whole.visits().stream().filter(v -> v.at().isBefore(end)).count())
        .allSatisfy(
            v -> {
              assertThat(v.at()).isBefore(end);
              assertThat(night.events(v, coupon)).isNotEmpty().allMatch(e -> e.at().isBefore(end));
            });
    // a cut one day in leaves the later days' visits out, and the late events of a visit
    Instant dayOne = dayStart.plus(Duration.ofDays(1));
    var firstDay = whole.until(dayOne);
    assertThat(firstDay.visits()).hasSize(8).allMatch(v -> v.at().isBefore(dayOne));
    assertThat(firstDay.visits()).allMatch(v -> night.events(v, coupon).size() < 4);
    assertThat(whole.visits()).allMatch(v -> night.events(v, coupon).size() == 4);
  }
}
