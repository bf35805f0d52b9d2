package com.careflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.ProcessTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order journey on the in-memory engine, one test per path. */
class OrderJourneyProcessTest extends ProcessTestBase {

  private static final String ORDER = "o-1001";

  private long placeOrder(double amount) {
    engine.publishMessage(OrderJourney.Messages.ORDER_PLACED, ORDER,
        Map.of("orderId", ORDER, "customerId", "c-1", "amount", amount, "currency", "CNY"));
    return engine.records().onlyInstanceOf(OrderJourney.PROCESS_ID);
  }

  private void buyerIs(boolean returning) {
    engine.completeJob(JobTypes.LOOKUP_BUYER, Map.of("returningBuyer", returning));
  }

  /** The delivery process asks when it may send; "now" lets the message go out at once. */
  private void sendingIsAllowedNow() {
    engine.completeJob(JobTypes.PLAN_SEND_TIME, Map.of("sendAt", "2000-01-01T00:00:00Z"));
  }

  @Test
  void r1_paidBeforeTheReminderIsDue_noReminder() {
    long journey = placeOrder(99);
    buyerIs(false);

    engine.increaseTime(Duration.ofMinutes(90));
    engine.publishMessage(OrderJourney.Messages.ORDER_PAID, ORDER, Map.of("amount", 99));
    engine.increaseTime(Duration.ofHours(3));

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey)).contains("EndEvent_OrderPaid").doesNotContain("Event_ReminderDue");
    assertThat(records.jobsCreated(journey)).extracting("type").containsExactly(JobTypes.LOOKUP_BUYER);
  }

  @Test
  void r1_newBuyerIsRemindedAfterTwoHours() {
    long journey = placeOrder(99);
    buyerIs(false);

    engine.increaseTime(Duration.ofMinutes(119));
    assertThat(engine.records().completedElements(journey)).doesNotContain("Event_ReminderDue");

    engine.increaseTime(Duration.ofMinutes(1));
    sendingIsAllowedNow();
    var reminder = engine.nextJob(JobTypes.SEND_MESSAGE);
    assertThat(reminder.getVariablesAsMap())
        .containsEntry("templateKey", "payment-reminder-new")
        .containsEntry("category", "TRANSACTIONAL")
        .containsEntry("templateVariables", Map.of("orderId", ORDER));
  }

  @Test
  void r2_returningBuyerIsRemindedAfterThreeHoursWithOtherCopy() {
    long journey = placeOrder(99);
    buyerIs(true);

    engine.increaseTime(Duration.ofHours(2));
    assertThat(engine.records().completedElements(journey)).doesNotContain("Event_ReminderDue");

    engine.increaseTime(Duration.ofHours(1));
    sendingIsAllowedNow();
    assertThat(engine.nextJob(JobTypes.SEND_MESSAGE).getVariablesAsMap())
        .containsEntry("templateKey", "payment-reminder-returning");
  }

  @Test
  void r6_neverPaid_orderClosesQuietly() {
    long journey = placeOrder(99);
    buyerIs(false);
    engine.increaseTime(Duration.ofHours(2));
    sendingIsAllowedNow();
    engine.completeJob(JobTypes.SEND_MESSAGE, Map.of("lastMessageStatus", "DRY_RUN"));

    engine.increaseTime(Duration.ofHours(24));

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey)).endsWith("EndEvent_ClosedUnpaid");
  }

  @Test
  void duplicateOrderPlaced_startsNoSecondJourney() {
    placeOrder(99);
    engine.publishMessage(OrderJourney.Messages.ORDER_PLACED, ORDER, Map.of("orderId", ORDER, "customerId", "c-1", "amount", 99));

    assertThat(engine.records().instancesOf(OrderJourney.PROCESS_ID)).hasSize(1);
  }
}
