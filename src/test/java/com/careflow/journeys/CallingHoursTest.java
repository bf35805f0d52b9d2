package com.careflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.exception.JobError;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Rule R3: a staff call is due inside the preferred calling hours, in the shop's time zone. */
class CallingHoursTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final CallingHours HOURS = CallingHours.parse("11:00-12:00, 15:30-16:30");

  private static CallingHours.Slot at(String localShanghai) {
    return HOURS.next(OffsetDateTime.parse(localShanghai + "+08:00").toInstant(), SHANGHAI);
  }

  @Test
  void r3_beforeTheMorningWindow_dueAtItsEnd() {
    var slot = at("2026-11-11T09:20");
    assertThat(slot.followUpAt().toLocalDateTime()).hasToString("2026-11-11T11:00");
    assertThat(slot.dueAt().toLocalDateTime()).hasToString("2026-11-11T12:00");
  }

  @Test
  void r3_insideAWindow_startNowDueAtItsEnd() {
    var slot = at("2026-11-11T11:30");
    assertThat(slot.followUpAt().toLocalDateTime()).hasToString("2026-11-11T11:30");
    assertThat(slot.dueAt().toLocalDateTime()).hasToString("2026-11-11T12:00");
  }

  @Test
  void r3_atTheEndOfTheMorningWindow_theAfternoonWindow() {
    var slot = at("2026-11-11T12:00");
    assertThat(slot.followUpAt().toLocalDateTime()).hasToString("2026-11-11T15:30");
    assertThat(slot.dueAt().toLocalDateTime()).hasToString("2026-11-11T16:30");
  }

  @Test
  void r3_afterTheLastWindow_theNextMorning() {
    var slot = at("2026-11-11T16:30");
    assertThat(slot.followUpAt().toLocalDateTime()).hasToString("2026-11-12T11:00");
    assertThat(slot.dueAt().toLocalDateTime()).hasToString("2026-11-12T12:00");
  }

  @Test
  void r3_windowsAreReadInTheShopsTimeZone() {
    // 02:00 UTC is 10:00 in Shanghai: the 11:00 Shanghai window, i.e. 03:00 UTC
    var slot = HOURS.next(Instant.parse("2026-11-11T02:00:00Z"), SHANGHAI);
    assertThat(slot.followUpAt().toInstant()).isEqualTo(Instant.parse("2026-11-11T03:00:00Z"));
  }

  @Test
  void brokenCallingHoursSayWhatToFix() {
    assertThatThrownBy(() -> CallingHours.parse("around four"))
        .hasMessageContaining("dmn/order-timings.dmn");
    assertThatThrownBy(() -> CallingHours.parse("16:00-15:00"))
        .hasMessageContaining("ends before it starts");
    assertThatThrownBy(() -> CallingHours.parse(" ")).hasMessageContaining("No calling hours");
  }

  @Test
  void r3_workerReturnsFollowUpAndDueTimesForTheUserTask() {
    var worker =
        new PlanCallTimeWorker(
            new JourneysProperties(SHANGHAI),
            Clock.fixed(
                Instant.parse("2026-11-11T05:00:00Z"), ZoneOffset.UTC)); // 13:00 in Shanghai

    var result = worker.planCallTime(new PlanCallTimeWorker.Input("11:00-12:00,15:30-16:30"));

    assertThat(result)
        .containsEntry("callFollowUpAt", "2026-11-11T15:30+08:00")
        .containsEntry("callDueAt", "2026-11-11T16:30+08:00");
  }

  @Test
  void brokenCallingHoursInTheTable_becomeAnIncidentWithoutRetries() {
    var worker = new PlanCallTimeWorker(new JourneysProperties(SHANGHAI), Clock.systemUTC());

    assertThatThrownBy(() -> worker.planCallTime(new PlanCallTimeWorker.Input("11-12")))
        .isInstanceOfSatisfying(
            JobError.class,
            e -> {
              assertThat(e.getErrorMessage()).contains("dmn/order-timings.dmn");
              assertThat(e.getRetries()).isZero();
            });
  }
}
