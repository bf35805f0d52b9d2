package com.careflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * R25 in development (#17): the embedded default's in-memory database starts empty, so its history
 * is complete and the simulator's first-time buyers are NEW, not "history unknown".
 */
class CompleteHistoryTest {

  @Test
  void r25_anEmptyInMemoryDatabaseHoldsTheWholeHistory() {
    var env =
        new MockEnvironment()
            .withProperty(
                "spring.datasource.url", "jdbc:h2:mem:careflow;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");

    assertThat(LocalStackInitializer.completeHistory(env))
        .containsExactly(
            java.util.Map.entry("careflow.analytics.history-complete-from", "2000-01-01"));
  }

  @Test
  void r25_anotherDatabaseMayHoldOrdersFromBeforeCareflow() {
    var env =
        new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/careflow");

    assertThat(LocalStackInitializer.completeHistory(env)).isEmpty();
  }

  @Test
  void r25_aGivenHistoryStartWins() {
    var env =
        new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:h2:mem:careflow")
            .withProperty("careflow.analytics.history-complete-from", "2026-11-01");

    assertThat(LocalStackInitializer.completeHistory(env)).isEmpty();
  }
}
