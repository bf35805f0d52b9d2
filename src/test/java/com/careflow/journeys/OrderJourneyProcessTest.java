package com.careflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.coupons.CouponJobTypes;
import com.careflow.customers.CustomerJobTypes;
import com.careflow.intake.JourneyMessages;
import com.careflow.messaging.MessagingJobTypes;
import com.careflow.support.ProcessTestBase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order journey on the in-memory engine, one test per path (issue #4). No workers run: each job
 * is worked by hand, and time is moved with {@code increaseTime}. Every buyer message goes through
 * the "Deliver message" child process, so "a message was sent" means a {@code send-message} job was
 * created in a child instance.
 */
class OrderJourneyProcessTest extends ProcessTestBase {

  private static final String ORDER = "o-1001";
  private static final String DELIVERY = JourneyJobTypes.MESSAGE_DELIVERY_PROCESS_ID;

  // ------------------------------------------------------------------ steps

  private long placeOrder(double amount) {
    return placeOrder(amount, Map.of());
  }

  private long placeOrder(double amount, Map<String, ?> extra) {
    Map<String, Object> vars =
        new HashMap<>(
            Map.of("orderId", ORDER, "customerId", "c-1", "amount", amount, "currency", "CNY"));
    vars.putAll(extra);
    engine.publishMessage(JourneyMessages.ORDER_PLACED, ORDER, vars);
    return engine.records().onlyInstanceOf(JourneyJobTypes.PROCESS_ID);
  }

  private void buyerIs(boolean returning) {
    engine.completeJob(CustomerJobTypes.LOOKUP_BUYER, Map.of("returningBuyer", returning));
  }

  private void publish(String message, Map<String, ?> variables) {
    engine.publishMessage(message, ORDER, variables);
  }

  /** The delivery process asks when it may send; "now" lets the message go out at once. */
  private void sendingIsAllowedNow() {
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, Map.of("sendAt", "2000-01-01T00:00:00Z"));
  }

  /** Lets the waiting message go out and returns what the send step was asked to send. */
  private Map<String, Object> deliverMessage() {
    sendingIsAllowedNow();
    ActivatedJob send =
        engine.completeJob(MessagingJobTypes.SEND_MESSAGE, Map.of("lastMessageStatus", "QUEUED"));
    return send.getVariablesAsMap();
  }

  /** Template keys of every message the journey asked to send so far, in order. */
  private List<String> messagesRequested() {
    var records = engine.records();
    return records.instancesOf(DELIVERY).stream()
        .map(child -> records.variable(child, "templateKey").orElseThrow().replace("\"", ""))
        .toList();
  }

  private List<JobRecordValue> sendJobs() {
    var records = engine.records();
    return records.instancesOf(DELIVERY).stream()
        .flatMap(child -> records.jobsCreated(child).stream())
        .filter(job -> job.getType().equals(MessagingJobTypes.SEND_MESSAGE))
        .toList();
  }

  private List<String> userTaskForms(long journey) {
    var records = engine.records();
    return records.userTasksCreated(journey).stream()
        .map(t -> records.formId(t.getFormKey()).orElse("?"))
        .toList();
  }

  private long paidOrder() {
    long journey = placeOrder(99);
    buyerIs(false);
    publish(JourneyMessages.ORDER_PAID, Map.of("amount", 99));
    return journey;
  }

  private long shippedOrder(Map<String, ?> shipment) {
    long journey = paidOrder();
    publish(JourneyMessages.ORDER_SHIPPED, shipment);
    deliverMessage();
    return journey;
  }

  private static final Map<String, Object> SHIPMENT =
      Map.of("carrier", "SF Express", "trackingNumber", "SF1234567890");

  private long deliveredOrder() {
    long journey = shippedOrder(SHIPMENT);
    publish(JourneyMessages.ORDER_DELIVERED, Map.of());
    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.CARE_MESSAGE);
    return journey;
  }

  private long reviewInvited() {
    long journey = deliveredOrder();
    engine.increaseTime(Duration.ofDays(3));
    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.REVIEW_INVITE);
    return journey;
  }

  // ------------------------------------------------------------------ payment (R1-R6)

  @Test
  void r1_paidBeforeTheReminderIsDue_noReminder() {
    long journey = placeOrder(99);
    buyerIs(false);

    engine.increaseTime(Duration.ofMinutes(90));
    publish(JourneyMessages.ORDER_PAID, Map.of("amount", 99));
    engine.increaseTime(Duration.ofHours(3));

    var records = engine.records();
    assertThat(records.completedElements(journey))
        .contains("Event_OrderPaid")
        .doesNotContain("Event_ReminderDue");
    assertThat(records.isTerminated(journey)).isFalse();
    assertThat(records.activeElements(journey)).containsExactly("Activity_WaitForShipment");
    assertThat(records.instancesOf(DELIVERY)).isEmpty();
  }

  @Test
  void r1_newBuyerIsRemindedAfterTwoHours() {
    long journey = placeOrder(99);
    buyerIs(false);

    engine.increaseTime(Duration.ofMinutes(119));
    assertThat(engine.records().completedElements(journey)).doesNotContain("Event_ReminderDue");

    engine.increaseTime(Duration.ofMinutes(1));
    assertThat(deliverMessage())
        .containsEntry("templateKey", "payment-reminder-new")
        .containsEntry("category", "TRANSACTIONAL")
        .containsEntry("channel", "SMS")
        .containsEntry("templateVariables", Map.of("orderId", ORDER));
  }

  @Test
  void r1_paidAfterOneReminder_journeyGoesOnToShipment() {
    long journey = placeOrder(99);
    buyerIs(false);
    engine.increaseTime(Duration.ofHours(2));
    deliverMessage();

    publish(JourneyMessages.ORDER_PAID, Map.of("amount", 99));
    engine.increaseTime(Duration.ofHours(5));

    var records = engine.records();
    assertThat(records.completedElements(journey))
        .contains("Activity_SendPaymentReminder", "Event_OrderPaid");
    assertThat(records.activeElements(journey)).containsExactly("Activity_WaitForShipment");
    assertThat(messagesRequested()).containsExactly("payment-reminder-new");
  }

  @Test
  void r1_paymentLandsWhileTheReminderIsBeingPlanned_noReminderIsSent() {
    long journey = placeOrder(99);
    buyerIs(false);
    engine.increaseTime(Duration.ofHours(2));
    ActivatedJob planning =
        engine.nextJob(MessagingJobTypes.PLAN_SEND_TIME); // the reminder is on its way

    publish(JourneyMessages.ORDER_PAID, Map.of("amount", 99));

    // the send process was cancelled with the payment step: its late answer is refused
    assertThatThrownBy(
            () ->
                engine
                    .client()
                    .newCompleteCommand(planning.getKey())
                    .variables(Map.of("sendAt", "2000-01-01T00:00:00Z"))
                    .send()
                    .join())
        .hasMessageContaining("NOT_FOUND");
    engine.increaseTime(Duration.ofHours(3));
    long child = engine.records().onlyInstanceOf(DELIVERY);
    assertThat(engine.records().isTerminated(child)).isTrue();
    assertThat(sendJobs()).isEmpty();
    assertThat(engine.records().activeElements(journey))
        .containsExactly("Activity_WaitForShipment");
  }

  @Test
  void r2_returningBuyerIsRemindedAfterThreeHoursWithOtherCopy() {
    long journey = placeOrder(99);
    buyerIs(true);

    engine.increaseTime(Duration.ofHours(2));
    assertThat(engine.records().completedElements(journey)).doesNotContain("Event_ReminderDue");

    engine.increaseTime(Duration.ofHours(1));
    assertThat(deliverMessage()).containsEntry("templateKey", "payment-reminder-returning");
  }

  @Test
  void r2_buyerKnownFromTheIntake_noLookUpJob_returningCopyAfterThreeHours() {
    // the intake sends returningBuyer with OrderPlaced (issue #19): no look-up job, same policy
    long journey = placeOrder(99, Map.of("returningBuyer", true));

    assertThat(engine.records().jobsCreated(journey)).isEmpty();
    assertThat(engine.records().variable(journey, "segment")).contains("\"B_ACTIVE\"");
    engine.increaseTime(Duration.ofHours(2));
    assertThat(engine.records().completedElements(journey)).doesNotContain("Event_ReminderDue");

    engine.increaseTime(Duration.ofHours(1));
    assertThat(deliverMessage()).containsEntry("templateKey", "payment-reminder-returning");
  }

  @Test
  void r3_largeOrder_staffCallTaskDueInsideTheCallingHours_besidesTheSms() {
    long journey = placeOrder(1000);
    buyerIs(false);

    ActivatedJob plan =
        engine.completeJob(
            JourneyJobTypes.PLAN_CALL_TIME,
            Map.of(
                "callFollowUpAt", "2026-11-11T15:30+08:00", "callDueAt", "2026-11-11T16:30+08:00"));
    assertThat(plan.getVariablesAsMap()).containsEntry("callingHours", "11:00-12:00,15:30-16:30");

    List<UserTaskRecordValue> tasks = engine.records().userTasksCreated(journey);
    assertThat(tasks)
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.getElementId()).isEqualTo("Activity_CallBuyer");
              assertThat(OffsetDateTime.parse(task.getDueDate()).toInstant())
                  .isEqualTo(Instant.parse("2026-11-11T08:30:00Z"));
              assertThat(OffsetDateTime.parse(task.getFollowUpDate()).toInstant())
                  .isEqualTo(Instant.parse("2026-11-11T07:30:00Z"));
              assertThat(task.getCandidateGroupsList()).containsExactly("customer-service");
            });
    assertThat(userTaskForms(journey))
        .containsExactly(JourneyJobTypes.Forms.CALL_BUYER_ABOUT_PAYMENT);

    engine.increaseTime(Duration.ofHours(2)); // the SMS goes out too
    assertThat(deliverMessage()).containsEntry("templateKey", "payment-reminder-new");

    publish(JourneyMessages.ORDER_PAID, Map.of("amount", 1000)); // paid: the call is off (R1)
    assertThat(engine.records().activeElements(journey))
        .containsExactly("Activity_WaitForShipment");
  }

  @Test
  void r3_smallOrder_noCallTask() {
    long journey = placeOrder(999.99);
    buyerIs(false);

    // the same fact without the former "No call" end event (issue #19): the journey waits for
    // payment with the reminder alone; no call is planned and no call task exists
    assertThat(engine.records().activeElements(journey)).contains("Gateway_AwaitPayment");
    assertThat(engine.records().jobsCreated(journey))
        .noneMatch(job -> job.getType().equals(JourneyJobTypes.PLAN_CALL_TIME));
    assertThat(engine.records().userTasksCreated(journey)).isEmpty();
  }

  @Test
  void r4_reminderDueAtNightIsHeldUntilTheQuietWindowEnds() {
    long journey = placeOrder(99);
    buyerIs(false);
    engine.increaseTime(Duration.ofHours(2)); // say 03:00 for the buyer

    Instant windowEnd = engine.records().engineTime().plus(Duration.ofHours(6)); // 09:00
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, Map.of("sendAt", windowEnd.toString()));
    engine.increaseTime(Duration.ofHours(5).plusMinutes(59));
    assertThat(sendJobs()).as("held in the quiet window").isEmpty();

    engine.increaseTime(Duration.ofMinutes(2));
    assertThat(sendJobs()).hasSize(1);
    assertThat(messagesRequested()).containsExactly("payment-reminder-new");
    assertThat(engine.records().activeElements(journey)).contains("Activity_SendPaymentReminder");
  }

  @Test
  void r5_saleDay_reminderRepeatsHourlyUpToTheTableLimit_repeatsAreMarketing() {
    long journey = placeOrder(99, Map.of("promotion", "Double 11"));
    buyerIs(false);

    engine.increaseTime(Duration.ofHours(2));
    assertThat(deliverMessage()).containsEntry("category", "TRANSACTIONAL");
    for (int repeat = 1; repeat <= 3; repeat++) {
      engine.increaseTime(Duration.ofMinutes(59));
      assertThat(messagesRequested()).as("before repeat %d", repeat).hasSize(repeat);
      engine.increaseTime(Duration.ofMinutes(1));
      assertThat(deliverMessage())
          .containsEntry("category", "MARKETING")
          .containsEntry("templateKey", "payment-reminder-new");
    }
    engine.increaseTime(Duration.ofHours(5));

    assertThat(messagesRequested()).hasSize(4);
    assertThat(engine.records().activeElements(journey)).contains("Event_CloseTimeAfterReminders");
  }

  @Test
  void r6_neverPaid_orderClosesQuietly() {
    long journey = placeOrder(99);
    buyerIs(false);
    engine.increaseTime(Duration.ofHours(2));
    deliverMessage();

    engine.increaseTime(Duration.ofHours(21).plusMinutes(59));
    assertThat(engine.records().isCompleted(journey)).isFalse();
    engine.increaseTime(Duration.ofMinutes(1));

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey))
        .contains("EndEvent_OrderClosed")
        .endsWith("EndEvent_ClosedUnpaid");
    assertThat(messagesRequested()).containsExactly("payment-reminder-new");
  }

  @Test
  void r6_payBeforePassesBeforeTheReminder_endsQuietlyWithoutReminder() {
    Instant now = Instant.now();
    long journey = placeOrder(99, Map.of("payBefore", now.plus(Duration.ofMinutes(90)).toString()));
    buyerIs(false);

    engine.increaseTime(Duration.ofHours(3));

    var records = engine.records();
    assertThat(records.completedElements(journey)).endsWith("EndEvent_ClosedUnpaid");
    assertThat(records.instancesOf(DELIVERY)).isEmpty();
  }

  @Test
  void r6_cancelledBeforePayment_endsQuietlyWithoutReminder() {
    long journey = placeOrder(99);
    buyerIs(false);

    publish(JourneyMessages.ORDER_CANCELLED, Map.of("reason", "buyer changed mind"));
    engine.increaseTime(Duration.ofHours(3));

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey))
        .endsWith("EndEvent_JourneyCancelled", "Activity_OrderCancelled");
    assertThat(records.instancesOf(DELIVERY)).isEmpty();
  }

  // ------------------------------------------------------------------ shipment and logistics (R7,
  // R8)

  @Test
  void r7_shipmentNoticeNamesCarrierAndTracking() {
    long journey = paidOrder();

    publish(JourneyMessages.ORDER_SHIPPED, SHIPMENT);

    Map<String, Object> notice = deliverMessage();
    assertThat(notice)
        .containsEntry("templateKey", JourneyJobTypes.Templates.SHIPMENT_NOTICE)
        .containsEntry("category", "TRANSACTIONAL")
        .containsEntry(
            "templateVariables",
            Map.of("orderId", ORDER, "carrier", "SF Express", "trackingNumber", "SF1234567890"));
    assertThat(engine.records().activeElements(journey))
        .containsExactly("Activity_WaitForDelivery");
  }

  @Test
  void r8_notShippedByTheShippingDeadline_apologyAndStaffTask_stillWaitsForShipment() {
    long journey = paidOrder();

    engine.increaseTime(Duration.ofDays(2).minusMinutes(1));
    assertThat(messagesRequested()).isEmpty();
    engine.increaseTime(Duration.ofMinutes(1));

    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.LOGISTICS_APOLOGY);
    assertThat(userTaskForms(journey))
        .containsExactly(JourneyJobTypes.Forms.HANDLE_LOGISTICS_EXCEPTION);
    assertThat(engine.records().activeElements(journey))
        .contains("Activity_WaitForShipment", "Activity_HandleLogisticsException");
  }

  @Test
  void r8_carrierReportsAnException_apologyAndStaffTask() {
    long journey = shippedOrder(SHIPMENT);

    publish(
        JourneyMessages.LOGISTICS_UPDATED,
        Map.of("status", "in_transit", "description", "Left Shenzhen hub"));
    assertThat(engine.records().completedElements(journey)).contains("EndEvent_TrackingNoted");
    publish(
        JourneyMessages.LOGISTICS_UPDATED,
        Map.of("status", "exception", "description", "Parcel damaged"));

    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.LOGISTICS_APOLOGY);
    assertThat(userTaskForms(journey))
        .containsExactly(JourneyJobTypes.Forms.HANDLE_LOGISTICS_EXCEPTION);
    assertThat(engine.records().activeElements(journey)).contains("Activity_WaitForDelivery");
  }

  @Test
  void r8_notDeliveredByTheCarrierEstimatePlusGrace_logisticsException() {
    Instant estimate = Instant.now().plus(Duration.ofDays(2));
    long journey =
        shippedOrder(
            Map.of(
                "carrier",
                "SF Express",
                "trackingNumber",
                "SF1",
                "estimatedDeliveryAt",
                estimate.toString()));

    engine.increaseTime(Duration.ofDays(3).minusMinutes(10)); // estimate + 1 day grace
    assertThat(engine.records().userTasksCreated(journey)).isEmpty();
    engine.increaseTime(Duration.ofMinutes(20));

    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.LOGISTICS_APOLOGY);
    assertThat(userTaskForms(journey))
        .containsExactly(JourneyJobTypes.Forms.HANDLE_LOGISTICS_EXCEPTION);
  }

  @Test
  void r8_noEstimate_notDeliveredInTheDefaultTime_logisticsException() {
    long journey = shippedOrder(SHIPMENT);

    engine.increaseTime(Duration.ofDays(5).minusMinutes(1));
    assertThat(engine.records().userTasksCreated(journey)).isEmpty();
    engine.increaseTime(Duration.ofMinutes(2));

    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.LOGISTICS_APOLOGY);
    assertThat(userTaskForms(journey))
        .containsExactly(JourneyJobTypes.Forms.HANDLE_LOGISTICS_EXCEPTION);
  }

  // ------------------------------------------------------------------ out of stock (R9)

  @Test
  void r9_outOfStock_apologyWithCouponFromTheDiscountTable_journeyGoesOn() {
    long journey = paidOrder();

    publish(JourneyMessages.ORDER_OUT_OF_STOCK, Map.of("skus", List.of("tea-250g")));
    buyerCanBeMessaged(JourneyJobTypes.Templates.OUT_OF_STOCK_APOLOGY);

    ActivatedJob issue =
        engine.completeJob(
            CouponJobTypes.ISSUE_COUPON,
            Map.of(
                "couponCode", "CFABCD2345", "couponValue", "¥10", "couponExpiresOn", "2026-12-21"));
    assertThat(issue.getVariablesAsMap())
        .containsEntry("occasion", "OUT_OF_STOCK")
        .containsEntry("customerId", "c-1")
        .containsEntry(
            "discount",
            Map.of("couponKind", "FIXED", "value", 10, "minimumSpend", 50, "validityDays", 30));
    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.OUT_OF_STOCK_APOLOGY)
        .containsEntry(
            "templateVariables",
            Map.of(
                "orderId",
                ORDER,
                "couponCode",
                "CFABCD2345",
                "couponValue",
                "¥10",
                "couponExpiresOn",
                "2026-12-21"));
    var records = engine.records();
    assertThat(records.completedElements(journey)).contains("EndEvent_OutOfStockHandled");
    assertThat(records.activeElements(journey)).containsExactly("Activity_WaitForShipment");
  }

  @Test
  void r9_r24_outOfStock_buyerCannotBeMessaged_noCouponNoApology_journeyGoesOn() {
    long journey = paidOrder();
    int messagesBefore = messagesRequested().size();

    publish(JourneyMessages.ORDER_OUT_OF_STOCK, Map.of("skus", List.of("tea-250g")));
    buyerCannotBeMessaged(JourneyJobTypes.Templates.OUT_OF_STOCK_APOLOGY, "OPTED_OUT");

    var records = engine.records();
    assertThat(records.completedElements(journey))
        .contains("EndEvent_OutOfStockNotReachable")
        .doesNotContain("Activity_IssueOutOfStockCoupon", "EndEvent_OutOfStockHandled");
    assertThat(records.jobsCreated(journey))
        .extracting(JobRecordValue::getType)
        .doesNotContain(CouponJobTypes.ISSUE_COUPON);
    assertThat(messagesRequested()).hasSize(messagesBefore);
    assertThat(records.activeElements(journey)).containsExactly("Activity_WaitForShipment");
  }

  /**
   * Before a coupon for an apology, messaging's send check for the TRANSACTIONAL category (opted
   * out, flagged and missing numbers; no consent or frequency cap) says the buyer can be messaged.
   */
  private void buyerCanBeMessaged(String templateKey) {
    ActivatedJob check =
        engine.completeJob(MessagingJobTypes.CHECK_BUYER_REACHABLE, Map.of("buyerReachable", true));
    assertCheckOf(check, templateKey);
  }

  /** The send check says no; the worker has recorded the skip in the message log. */
  private void buyerCannotBeMessaged(String templateKey, String reason) {
    ActivatedJob check =
        engine.completeJob(
            MessagingJobTypes.CHECK_BUYER_REACHABLE,
            Map.of(
                "buyerReachable",
                false,
                "buyerUnreachableReason",
                reason,
                "lastMessageStatus",
                "SKIPPED"));
    assertCheckOf(check, templateKey);
  }

  private static void assertCheckOf(ActivatedJob check, String templateKey) {
    assertThat(check.getVariablesAsMap())
        .containsEntry("customerId", "c-1")
        .containsEntry("category", "TRANSACTIONAL")
        .containsEntry("templateKey", templateKey)
        .containsEntry("callingProcessId", "order-journey");
  }

  // ------------------------------------------------------------------ delivery, care, review
  // (R10-R14)

  @Test
  void r10_r11_delivered_careMessage_thenReviewInviteAfterThreeDays() {
    long journey = deliveredOrder();

    engine.increaseTime(Duration.ofDays(3).minusMinutes(1));
    assertThat(messagesRequested())
        .containsExactly(
            JourneyJobTypes.Templates.SHIPMENT_NOTICE, JourneyJobTypes.Templates.CARE_MESSAGE);
    engine.increaseTime(Duration.ofMinutes(1));

    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.REVIEW_INVITE)
        .containsEntry("category", "MARKETING");
    assertThat(engine.records().activeElements(journey)).containsExactly("Activity_WaitForReview");
  }

  @Test
  void r14_goodReview_thankYou_journeyEnds() {
    long journey = reviewInvited();

    publish(JourneyMessages.REVIEW_POSTED, Map.of("rating", 5, "text", "很好"));

    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.REVIEW_THANKS);
    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey)).endsWith("EndEvent_ReviewThanked");
    assertThat(records.jobsCreated(journey))
        .extracting(JobRecordValue::getType)
        .doesNotContain(CouponJobTypes.ISSUE_COUPON);
  }

  @Test
  void r13_badReview_apologyWithCouponSizedByTheTable_andRecoveryTask() {
    long journey = reviewInvited();

    publish(JourneyMessages.REVIEW_POSTED, Map.of("rating", 3, "text", "一般"));
    buyerCanBeMessaged(JourneyJobTypes.Templates.SERVICE_RECOVERY_APOLOGY);

    ActivatedJob issue =
        engine.completeJob(
            CouponJobTypes.ISSUE_COUPON,
            Map.of(
                "couponCode", "CFRECOVER2", "couponValue", "¥20", "couponExpiresOn", "2027-01-01"));
    assertThat(issue.getVariablesAsMap())
        .containsEntry("occasion", "SERVICE_RECOVERY")
        .containsEntry(
            "discount",
            Map.of("couponKind", "FIXED", "value", 20, "minimumSpend", 100, "validityDays", 30));
    assertThat(deliverMessage())
        .containsEntry("templateKey", JourneyJobTypes.Templates.SERVICE_RECOVERY_APOLOGY)
        .containsEntry(
            "templateVariables",
            Map.of(
                "orderId",
                ORDER,
                "couponCode",
                "CFRECOVER2",
                "couponValue",
                "¥20",
                "couponExpiresOn",
                "2027-01-01"));
    assertThat(userTaskForms(journey)).containsExactly(JourneyJobTypes.Forms.FOLLOW_UP_BAD_REVIEW);
  }

  @Test
  void r13_r24_badReview_buyerCannotBeMessaged_noCouponNoApology_recoveryTaskAllTheSame() {
    long journey = reviewInvited();
    int messagesBefore = messagesRequested().size();

    publish(JourneyMessages.REVIEW_POSTED, Map.of("rating", 2, "text", "一般"));
    buyerCannotBeMessaged(
        JourneyJobTypes.Templates.SERVICE_RECOVERY_APOLOGY, "NUMBER_FLAGGED_INVALID");

    var records = engine.records();
    assertThat(records.completedElements(journey))
        .contains("Gateway_RecoveryReachable")
        .doesNotContain("Activity_IssueRecoveryCoupon", "Activity_SendRecoveryApology");
    assertThat(records.jobsCreated(journey))
        .extracting(JobRecordValue::getType)
        .doesNotContain(CouponJobTypes.ISSUE_COUPON);
    assertThat(messagesRequested()).hasSize(messagesBefore);
    assertThat(records.variable(journey, "lastMessageStatus")).contains("\"SKIPPED\"");
    assertThat(userTaskForms(journey)).containsExactly(JourneyJobTypes.Forms.FOLLOW_UP_BAD_REVIEW);
  }

  @Test
  void r13_returningBuyersBadReview_getsTheActiveSegmentsCoupon() {
    placeOrder(99);
    buyerIs(true);
    publish(JourneyMessages.ORDER_PAID, Map.of());
    publish(JourneyMessages.ORDER_SHIPPED, SHIPMENT);
    deliverMessage();
    publish(JourneyMessages.ORDER_DELIVERED, Map.of());
    deliverMessage();
    engine.increaseTime(Duration.ofDays(3));
    deliverMessage();

    publish(JourneyMessages.REVIEW_POSTED, Map.of("rating", 1, "text", "坏了"));
    buyerCanBeMessaged(JourneyJobTypes.Templates.SERVICE_RECOVERY_APOLOGY);

    assertThat(engine.nextJob(CouponJobTypes.ISSUE_COUPON).getVariablesAsMap())
        .containsEntry(
            "discount",
            Map.of("couponKind", "FIXED", "value", 30, "minimumSpend", 100, "validityDays", 30));
  }

  @Test
  void r11_noReviewWithinTheWindow_journeyEnds() {
    long journey = reviewInvited();

    engine.increaseTime(Duration.ofDays(14));

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey)).endsWith("EndEvent_NoReview");
  }

  // ------------------------------------------------------------------ interruptions and failures

  /**
   * Issue #4 step 8: cancellation or refund interrupts the journey cleanly, with no further
   * messages.
   */
  @ParameterizedTest(name = "{0} after shipment")
  @CsvSource({
    "OrderCancelled, EndEvent_JourneyCancelled",
    "RefundRequested, EndEvent_JourneyRefunded"
  })
  void cancelledOrRefundedMidJourney_endsAtOnceWithNoFurtherMessages(String message, String end) {
    long journey = shippedOrder(SHIPMENT);

    publish(message, Map.of("reason", "buyer asked"));
    publish(JourneyMessages.ORDER_DELIVERED, Map.of());
    engine.increaseTime(Duration.ofDays(10));

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey)).contains(end);
    assertThat(messagesRequested()).containsExactly(JourneyJobTypes.Templates.SHIPMENT_NOTICE);
  }

  @Test
  @DisplayName(
      "R23 (issue #16): the journey's deployed version reaches the delivery's send job, so the send"
          + " is counted under that version of the step")
  void journeyVersion_reachesTheDeliveryAsCallingProcessVersion() {
    long journey = paidOrder();
    publish(JourneyMessages.ORDER_SHIPPED, SHIPMENT);
    sendingIsAllowedNow();

    ActivatedJob send = engine.nextJob(MessagingJobTypes.SEND_MESSAGE);

    int version = engine.records().processVersion(journey);
    assertThat(engine.records().variable(journey, "journeyVersion"))
        .contains(String.valueOf(version));
    assertThat(send.getVariablesAsMap())
        .containsEntry("callingProcessId", "order-journey")
        .containsEntry("callingProcessVersion", version)
        .containsEntry("callingStepId", "Activity_SendShipmentNotice");
  }

  @Test
  void sendFailure_retriesExhausted_incidentSaysWhatFailed() {
    long journey = paidOrder();
    publish(JourneyMessages.ORDER_SHIPPED, SHIPMENT);
    sendingIsAllowedNow();

    ActivatedJob send = engine.nextJob(MessagingJobTypes.SEND_MESSAGE);
    engine
        .client()
        .newFailCommand(send.getKey())
        .retries(0)
        .errorMessage(
            "Twilio answered 503 for shipment-notice; check Twilio status, then retry in Operate")
        .send()
        .join();

    var records = engine.records();
    long child = records.onlyInstanceOf(DELIVERY);
    assertThat(records.openIncidents(child))
        .singleElement()
        .satisfies(
            incident ->
                assertThat(incident.getErrorMessage())
                    .contains("Twilio answered 503", "retry in Operate"));
    assertThat(records.activeElements(journey)).containsExactly("Activity_SendShipmentNotice");
  }

  @Test
  void undeliverableMessage_isRecordedAndTheJourneyGoesOn() {
    long journey = paidOrder();
    publish(JourneyMessages.ORDER_SHIPPED, SHIPMENT);
    sendingIsAllowedNow();

    ActivatedJob send = engine.nextJob(MessagingJobTypes.SEND_MESSAGE);
    engine
        .client()
        .newThrowErrorCommand(send.getKey())
        .errorCode("MESSAGE_UNDELIVERABLE")
        .errorMessage("+86 138 invalid number")
        .send()
        .join();
    engine.waitForIdle();

    var records = engine.records();
    assertThat(records.completedElements(journey)).contains("Event_ShipmentNoticeUndeliverable");
    assertThat(records.variable(journey, "lastMessageStatus")).contains("\"UNDELIVERABLE\"");
    assertThat(records.activeElements(journey)).containsExactly("Activity_WaitForDelivery");
  }

  @Test
  void duplicateOrderPlaced_startsNoSecondJourney() {
    placeOrder(99);
    engine.publishMessage(
        JourneyMessages.ORDER_PLACED,
        ORDER,
        Map.of("orderId", ORDER, "customerId", "c-1", "amount", 99));

    assertThat(engine.records().instancesOf(JourneyJobTypes.PROCESS_ID)).hasSize(1);
  }
}
