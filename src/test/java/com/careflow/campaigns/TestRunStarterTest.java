package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.camunda.client.CamundaClient;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input for a campaign test run (ops guide 2b, {@code /local/campaigns/test-run}): a clear
 * error naming what is wrong, and nothing started in the engine.
 */
class TestRunStarterTest {

  final CamundaClient client = mock(CamundaClient.class);
  final TestRunStarter starter = new TestRunStarter(client);
  static final LocalDate DAY = LocalDate.of(2026, 12, 17);

  @Test
  void anUnknownModeIsRefusedNamingTheTwoModes() {
    assertThatThrownBy(() -> starter.start(DAY, "PREVIEW", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode is DRY_RUN or SEED_LIST, not 'PREVIEW'");
    assertThatThrownBy(() -> starter.start(DAY, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DRY_RUN or SEED_LIST");
    verifyNoInteractions(client);
  }

  @Test
  void aSeedListWithoutIdsIsRefused() {
    assertThatThrownBy(() -> starter.start(DAY, "SEED_LIST", List.of(" ", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seedCustomerIds is empty");
    verifyNoInteractions(client);
  }

  @Test
  void aDryRunWithSeedsIsRefusedRatherThanIgnoringThem() {
    assertThatThrownBy(() -> starter.start(DAY, "DRY_RUN", List.of("c-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seeds are only for SEED_LIST");
    verifyNoInteractions(client);
  }

  @Test
  void aMissingDayIsRefused() {
    assertThatThrownBy(() -> starter.start(null, "DRY_RUN", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("day is missing");
    verifyNoInteractions(client);
  }
}
