package com.careflow.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  private final ExponentialBackoff backoff =
      new ExponentialBackoff(Duration.ofSeconds(10), Duration.ofMinutes(10));

  @Test
  void doublesPerFailureInARowUpToTheMaximum() {
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(80));
    assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(320));
    assertThat(backoff.after(7)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void staysAtTheMaximumForAnyCountWithoutOverflow() {
    assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    assertThat(new ExponentialBackoff(Duration.ofMillis(1), Duration.ofDays(365 * 1000)).after(200))
        .isEqualTo(Duration.ofDays(365 * 1000));
  }

  @Test
  void noFailureYetWaitsTheInitial() {
    assertThat(backoff.after(0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.after(-3)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aMaximumBelowTheInitialIsTheWait() {
    assertThat(new ExponentialBackoff(Duration.ofSeconds(10), Duration.ofSeconds(5)).after(1))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aZeroInitialNeverWaits() {
    assertThat(
            new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)).after(Integer.MAX_VALUE))
        .isZero();
  }

  @Test
  void refusesANegativeWait() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
