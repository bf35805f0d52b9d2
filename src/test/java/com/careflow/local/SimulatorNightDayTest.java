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
    var whole =
        new Double11Night("shop.orders", "shop.carts", "shop.customers")
            .generate(8, 24, 1717, dayStart);
    Instant end = dayStart.plus(Duration.ofDays(7));
    var played = whole.until(end);
    assertThat(whole.events().getLast().at()).as("the seed's night has a later tail").isAfter(end);
    assertThat(played.events()).isNotEmpty().allMatch(e -> e.at().isBefore(end));
    assertThat(played.events())
        .containsExactlyElementsOf(
            whole.events().stream().filter(e -> e.at().isBefore(end)).toList());
    assertThat(played.counts()).isEqualTo(whole.counts());
  }
}
