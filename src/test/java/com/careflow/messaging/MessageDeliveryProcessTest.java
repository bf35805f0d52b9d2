package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.messagestatus.MessageStatus;
import com.careflow.support.ProcessTestBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reusable "Deliver message" process on the in-memory engine. */
class MessageDeliveryProcessTest extends ProcessTestBase {

  private long deliver(String category) {
    long key =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId("message-delivery")
            .latestVersion()
            .variables(
                Map.of(
                    "customerId",
                    "c-1",
                    "orderId",
                    "o-1",
                    "templateKey",
                    "payment-reminder-new",
                    "category",
                    category,
                    "channel",
                    "SMS",
                    "templateVariables",
                    Map.of("orderId", "o-1")))
            .send()
            .join()
            .getProcessInstanceKey();
    engine.waitForIdle();
    return key;
  }

  /** A buyer whose local time is now about 03:30, inside the default 02:00-09:00 window. */
  private static ZoneId zoneWhereItIsHalfPastThree(Instant now) {
    LocalTime utc = now.atZone(ZoneOffset.UTC).toLocalTime();
    int minutes = (3 * 60 + 30) - (utc.getHour() * 60 + utc.getMinute());
    minutes = Math.floorMod(minutes + 12 * 60, 24 * 60) - 12 * 60; // keep within -12h..+12h
    return ZoneOffset.ofTotalSeconds(minutes * 60);
  }

  @Test
  void r4_aSendDueInTheQuietHoursWaitsOnAVisibleTimerUntilTheWindowOpens() {
    Instant now = Instant.now(); // the in-memory engine runs on the system clock
    ZoneId buyerZone = zoneWhereItIsHalfPastThree(now);
    CustomerProfiles customers = mock(CustomerProfiles.class);
    when(customers.find("c-1"))
        .thenReturn(
            Optional.of(
                new Customer(
                    "c-1", "Li Lei", "+8613800138000", "zh-CN", buyerZone.getId(), null, true, 0)));
    var planner =
        new PlanSendTimeWorker(
            customers,
            new QuietHoursProperties(
                LocalTime.of(2, 0), LocalTime.of(9, 0), ZoneId.of("Asia/Shanghai")),
            Clock.systemUTC());

    long delivery = deliver("TRANSACTIONAL");
    Map<String, Object> plan = planner.planSendTime(new PlanSendTimeWorker.Input("c-1"));
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, plan);

    Instant sendAt = Instant.parse((String) plan.get("sendAt"));
    assertThat(sendAt.atZone(buyerZone).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    assertThat(engine.records().activeElements(delivery)).contains("Event_QuietHoursOver");

    engine.increaseTime(Duration.between(Instant.now(), sendAt).minusMinutes(10));
    assertThat(engine.records().activeElements(delivery)).contains("Event_QuietHoursOver");
    assertThat(engine.records().jobsCreated(delivery))
        .extracting("type")
        .doesNotContain(MessagingJobTypes.SEND_MESSAGE);

    engine.increaseTime(Duration.ofMinutes(11));
    assertThat(engine.records().jobsCreated(delivery))
        .extracting("type")
        .contains(MessagingJobTypes.SEND_MESSAGE);
  }

  @Test
  void r20_r22_aSkippedSendEndsVisiblyAndTheCallerGoesOn() {
    long delivery = deliver("MARKETING");
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, Map.of("sendAt", "2000-01-01T00:00:00Z"));
    engine.completeJob(
        MessagingJobTypes.SEND_MESSAGE, Map.of("lastMessageStatus", MessageStatus.SKIPPED.name()));

    var records = engine.records();
    assertThat(records.isCompleted(delivery)).isTrue();
    assertThat(records.completedElements(delivery))
        .contains("EndEvent_MessageSkipped")
        .doesNotContain("EndEvent_MessageHandedOver");
  }

  @Test
  void aSentMessageEndsAsHandedOver() {
    long delivery = deliver("TRANSACTIONAL");
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, Map.of("sendAt", "2000-01-01T00:00:00Z"));
    engine.completeJob(MessagingJobTypes.SEND_MESSAGE, Map.of("lastMessageStatus", "QUEUED"));

    assertThat(engine.records().completedElements(delivery)).contains("EndEvent_MessageHandedOver");
  }
}
