package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.analytics.AnalyticsFacts.SendFact;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: a send step's figures are per deployed version of its journey, so a redeployed journey
 * whose step changed does not mix with the old version's figures; a send recorded without a version
 * is counted as "version unknown", never under a guessed one.
 */
class JourneyVersionRollupTest extends AnalyticsTestBase {

  static final String STEP = "Activity_PaymentReminder";
  static final LocalDate DAY = LocalDate.of(2026, 11, 10);
  static final Instant AT = Instant.parse("2026-11-10T04:00:00Z");

  @BeforeEach
  void facts() {
    start();
    recorder.recordSend(send("v3-1", "c1", 3));
    recorder.recordSend(send("v4-1", "c2", 4));
    recorder.recordSend(send("v4-2", "c3", 4));
    recorder.recordSend(send("v4-3", "c2", 4));
    recorder.recordSend(send("vx-1", "c4", null));
  }

  @Test
  @DisplayName("R23: by=step answers one row per journey version of a step, unknown apart")
  void r23_aStepOfAnotherJourneyVersionIsAnotherRow() {
    Map<Integer, Long> sentByVersion = new HashMap<>();
    for (var row : reports.breakdown(Breakdown.STEP, "SEND", DAY, DAY).rows()) {
      assertThat(row.dimensions()).containsEntry("step_id", STEP);
      sentByVersion.put(
          (Integer) row.dimensions().get("process_version"), row.figures().messagesSent());
    }

    assertThat(sentByVersion).containsOnly(Map.entry(3, 1L), Map.entry(4, 3L), nullEntry(1L));
  }

  @Test
  @DisplayName("R23: a step's detail counts one version, or all, and names which")
  void r23_aStepsDetailCountsTheVersionAsked() {
    var v4 = reports.step("order-journey", STEP, "4", DAY, DAY);
    var all = reports.step("order-journey", STEP, null, DAY, DAY);
    var unknown = reports.step("order-journey", STEP, "unknown", DAY, DAY);

    assertThat(v4.figures().messagesSent()).isEqualTo(3);
    assertThat(v4.buyers().buyersReached()).isEqualTo(2); // c2 twice, c3
    assertThat(v4.version()).isEqualTo(new AnalyticsReports.VersionScope(false, false, 4));
    assertThat(v4.versions()).containsExactly(4, 3, null);
    assertThat(all.figures().messagesSent()).isEqualTo(5);
    assertThat(all.buyers().buyersReached()).isEqualTo(4);
    assertThat(all.version().all()).isTrue();
    assertThat(unknown.figures().messagesSent()).isEqualTo(1);
    assertThat(unknown.buyers().buyersReached()).isEqualTo(1);
    assertThat(unknown.version().unknown()).isTrue();
    assertThatThrownBy(() -> reports.step("order-journey", STEP, "v4", DAY, DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'unknown'");
  }

  @Test
  void theVersionedRollupsAreWhatARebuildFromTheRawFactsGives() {
    List<String> kept = rollupSnapshot();
    assertThat(String.join("\n", kept)).contains("|4|").contains("|3|");

    rebuild.rebuildDay(DAY);

    assertThat(rollupSnapshot()).isEqualTo(kept);
  }

  static Map.Entry<Integer, Long> nullEntry(long value) {
    return new java.util.AbstractMap.SimpleEntry<>(null, value);
  }

  static SendFact send(String id, String customer, Integer version) {
    return new SendFact(
        id,
        "SM" + id,
        customer,
        "",
        "order-journey",
        version,
        STEP,
        "Payment reminder",
        "",
        "",
        "A",
        "TRANSACTIONAL",
        "SMS",
        "payment-reminder-new",
        "zh-CN",
        "SENT",
        1,
        new BigDecimal("0.0500"),
        "USD",
        null,
        AT);
  }
}
