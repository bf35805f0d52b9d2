package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.MessagingJobTypes;
import com.careflow.segments.SegmentJobTypes;
import com.careflow.support.ProcessTestBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * bpmn/cart-recovery.bpmn on the in-memory engine (rules R17, R18); every job worked by hand. The
 * discount table is a test fixture (src/test/resources/dmn-fixtures) deployed as its latest
 * version, so the tests know which carts get a coupon: a B_ACTIVE cart of 100 or more.
 */
class CartRecoveryProcessTest extends ProcessTestBase {

  private static final String CUSTOMER = "c-cart";

  @BeforeEach
  void discountFixture() {
    engine.deploy(List.of(Path.of("src/test/resources/dmn-fixtures/discount-fixture.dmn")));
  }

  private void cartUpdated(double cartValue) {
    engine.publishMessage(
        "CartUpdated",
        CUSTOMER,
        Map.of(
            "customerId",
            CUSTOMER,
            "items",
            List.of(Map.of("sku", "tea-1", "quantity", 2)),
            "cartValue",
            cartValue));
  }

  private long journey() {
    return engine.records().onlyInstanceOf(CampaignJobTypes.CART_RECOVERY);
  }

  private boolean checkIsWaiting(long journey) {
    return engine.records().jobsCreated(journey).stream()
        .anyMatch(j -> j.getType().equals(CampaignJobTypes.CHECK_CART_ABANDONED));
  }

  /** A returning, active buyer (B_ACTIVE) who has not ordered since the cart changed. */
  private void stillAbandonedAndActiveBuyer() {
    engine.completeJob(CampaignJobTypes.CHECK_CART_ABANDONED, Map.of("cartAbandoned", true));
    engine.completeJob(
        SegmentJobTypes.COMPUTE_SEGMENT_INPUTS,
        Map.of(
            "recencyDays",
            20,
            "frequency",
            2,
            "monetary",
            300,
            "lifetimeOrders",
            3,
            "largestOrderAmount",
            200,
            "largestOrderUnits",
            2));
  }

  private io.camunda.client.api.response.ActivatedJob couponIssued() {
    buyerCanBeMessaged();
    return engine.completeJob("issue-coupon", Map.of("couponCode", "CART-10"));
  }

  private void buyerCanBeMessaged() {
    var check =
        engine.completeJob(MessagingJobTypes.CHECK_BUYER_REACHABLE, Map.of("buyerReachable", true));
    assertThat(check.getVariablesAsMap())
        .containsEntry("customerId", CUSTOMER)
        .containsEntry("category", "MARKETING");
  }

  private void sendingIsAllowedNow() {
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, Map.of("sendAt", "2000-01-01T00:00:00Z"));
  }

  private void sent(io.camunda.client.api.response.ActivatedJob send) {
    engine
        .client()
        .newCompleteCommand(send.getKey())
        .variables(Map.of("lastMessageStatus", "SENT"))
        .send()
        .join();
    engine.waitForIdle();
  }

  @Test
  void r18_remindsOnceAfterTheWait() {
    cartUpdated(199);
    long journey = journey();

    engine.increaseTime(Duration.ofMinutes(59));
    assertThat(checkIsWaiting(journey)).isFalse();
    engine.increaseTime(Duration.ofMinutes(1));
    stillAbandonedAndActiveBuyer();
    var coupon = couponIssued();
    sendingIsAllowedNow();

    assertThat(coupon.getVariablesAsMap())
        .containsEntry("customerId", CUSTOMER)
        .containsEntry("occasion", "CART_RECOVERY");
    assertThat((Map<String, Object>) coupon.getVariablesAsMap().get("discount"))
        .containsEntry("couponKind", "FIXED")
        .containsEntry("value", 10)
        .containsEntry("minimumSpend", 150)
        .containsEntry("validityDays", 3);
    var send = engine.nextJob(MessagingJobTypes.SEND_MESSAGE);
    var reminder = send.getVariablesAsMap();
    assertThat(reminder)
        .containsEntry("customerId", CUSTOMER)
        .containsEntry("category", "MARKETING")
        .containsEntry("templateKey", "cart-recovery-offer");
    assertThat(reminder.get("templateVariables"))
        .isEqualTo(Map.of("cartValue", 199, "couponCode", "CART-10"));
    sent(send);

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey)).endsWith("EndEvent_ReminderSent");
    assertThat(records.variable(journey, "segment")).contains("\"B_ACTIVE\"");
    assertThat(records.instancesOf("message-delivery")).hasSize(1);
  }

  @Test
  @DisplayName("R23 (issue #16): the cart reminder is sent under the journey's deployed version")
  void journeyVersion_reachesTheDeliveryAsCallingProcessVersion() {
    cartUpdated(50);
    long journey = journey();
    var reminder = reminderAnHourLater();

    assertThat(reminder)
        .containsEntry("callingProcessId", "cart-recovery")
        .containsEntry("callingProcessVersion", engine.records().processVersion(journey));
  }

  @Test
  void r17_noCouponWhereTheTableGivesNone() {
    cartUpdated(50);
    long journey = journey();
    var reminder = reminderAnHourLater();
    assertThat(reminder).containsEntry("templateKey", "cart-recovery");
    assertThat(engine.records().jobsCreated(journey))
        .extracting("type")
        .doesNotContain("issue-coupon");
  }

  @Test
  @DisplayName("R17/R22/R24: a buyer who cannot be messaged gets no coupon and no reminder")
  void r22_noCouponForABuyerWhoCannotBeMessaged() {
    cartUpdated(199);
    long journey = journey();
    engine.increaseTime(Duration.ofHours(1));
    stillAbandonedAndActiveBuyer();
    var check =
        engine.completeJob(
            MessagingJobTypes.CHECK_BUYER_REACHABLE,
            Map.of(
                "buyerReachable",
                false,
                "buyerUnreachableReason",
                "NO_CONSENT",
                "lastMessageStatus",
                "SKIPPED"));
    assertThat(check.getVariablesAsMap())
        .containsEntry("customerId", CUSTOMER)
        .containsEntry("category", "MARKETING")
        .containsEntry("templateKey", "cart-recovery-offer")
        .containsEntry("callingProcessId", "cart-recovery")
        .containsEntry("callingStepId", "Activity_SendCartReminder")
        .containsEntry("segmentAtSend", "B_ACTIVE");

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey))
        .endsWith("EndEvent_BuyerNotReachable")
        .doesNotContain("Activity_IssueCoupon");
    assertThat(records.jobsCreated(journey))
        .extracting("type")
        .doesNotContain("issue-coupon", MessagingJobTypes.PLAN_SEND_TIME);
    assertThat(records.instancesOf("message-delivery")).isEmpty();
  }

  @Test
  void r18_noReminderWhenTheCustomerOrderedMeanwhile() {
    cartUpdated(199);
    long journey = journey();

    engine.increaseTime(Duration.ofHours(1));
    engine.completeJob(CampaignJobTypes.CHECK_CART_ABANDONED, Map.of("cartAbandoned", false));

    var records = engine.records();
    assertThat(records.isCompleted(journey)).isTrue();
    assertThat(records.completedElements(journey)).endsWith("EndEvent_OrderedMeanwhile");
    assertThat(records.instancesOf("message-delivery")).isEmpty();
  }

  @Test
  void r18_aNewerCartRestartsTheWaitInsteadOfSendingTwice() {
    cartUpdated(199);
    engine.increaseTime(Duration.ofMinutes(40));
    cartUpdated(299);
    long journey = journey();

    engine.increaseTime(Duration.ofMinutes(40));
    assertThat(checkIsWaiting(journey))
        .as("80 minutes after the first cart, 40 after the newer one")
        .isFalse();
    engine.increaseTime(Duration.ofMinutes(20));
    stillAbandonedAndActiveBuyer();
    couponIssued();
    sendingIsAllowedNow();

    var send = engine.nextJob(MessagingJobTypes.SEND_MESSAGE);
    assertThat(send.getVariablesAsMap().get("templateVariables"))
        .isEqualTo(Map.of("cartValue", 299, "couponCode", "CART-10"));
    sent(send);
    engine.increaseTime(Duration.ofHours(3));

    var records = engine.records();
    assertThat(records.instancesOf(CampaignJobTypes.CART_RECOVERY)).hasSize(1);
    assertThat(records.instancesOf("message-delivery")).hasSize(1);
    assertThat(records.isCompleted(journey)).isTrue();
  }

  @Test
  void r18_aClearedCartEndsTheJourneyQuietly() {
    cartUpdated(199);
    long journey = journey();

    engine.publishMessage("CartCleared", CUSTOMER, Map.of("customerId", CUSTOMER));
    engine.increaseTime(Duration.ofHours(2));

    var records = engine.records();
    assertThat(records.completedElements(journey)).endsWith("EndEvent_CartCleared");
    assertThat(records.jobsCreated(journey)).isEmpty();
  }

  private void cartUpdatedAt(double cartValue, String at) {
    engine.publishMessage(
        "CartUpdated",
        CUSTOMER,
        Map.of("customerId", CUSTOMER, "cartValue", cartValue, "cartUpdatedAt", at));
  }

  private void cartClearedAt(String at) {
    engine.publishMessage(
        "CartCleared", CUSTOMER, Map.of("customerId", CUSTOMER, "cartClearedAt", at));
  }

  @Test
  @DisplayName(
      "fault 3 (a stale buffered message ends a later journey), R18: a CartCleared sent before the"
          + " cart existed does not end its recovery")
  void aStaleBufferedMessageEndsALaterJourney_R18() {
    cartClearedAt("2026-11-11T10:00:00+08:00"); // no open cart: Zeebe buffers it
    engine.increaseTime(Duration.ofMinutes(5));
    cartUpdatedAt(199, "2026-11-11T10:05:00+08:00");
    long journey = journey();

    engine.increaseTime(Duration.ofHours(1));

    assertThat(engine.records().completedElements(journey)).doesNotContain("EndEvent_CartCleared");
    assertThat(checkIsWaiting(journey)).as("the reminder's check after the wait").isTrue();
  }

  @Test
  @DisplayName("fault 3, R18: a CartCleared after the cart's latest change still ends the journey")
  void aClearAfterTheLatestChangeEndsTheJourney_R18() {
    cartUpdatedAt(199, "2026-11-11T10:05:00+08:00");
    long journey = journey();
    cartUpdatedAt(299, "2026-11-11T10:20:00+08:00");

    cartClearedAt("2026-11-11T10:10:00+08:00"); // older than the cart's latest change: ignored
    assertThat(engine.records().completedElements(journey)).doesNotContain("EndEvent_CartCleared");
    cartClearedAt("2026-11-11T10:30:00+08:00");
    engine.increaseTime(Duration.ofHours(2));

    assertThat(engine.records().completedElements(journey)).endsWith("EndEvent_CartCleared");
    assertThat(engine.records().jobsCreated(journey)).isEmpty();
  }

  @Test
  @DisplayName(
      "fault 3 (a stale message), R18: a CartUpdated older than the cart's latest change neither"
          + " changes the cart value nor restarts or extends the wait")
  void aStaleCartUpdatedNeitherChangesNorExtendsTheRecovery_R18() {
    cartUpdatedAt(199, "2026-11-11T10:20:00+08:00");
    long journey = journey();
    engine.increaseTime(Duration.ofMinutes(40));

    cartUpdatedAt(999, "2026-11-11T10:05:00+08:00"); // sent before the cart's latest change
    assertThat(checkIsWaiting(journey)).isFalse();
    engine.increaseTime(Duration.ofMinutes(21)); // the hour since the cart, not since the stale one

    assertThat(checkIsWaiting(journey)).as("the check an hour after the cart").isTrue();
    assertThat(engine.records().variable(journey, "cartValue")).contains("199");
  }

  @Test
  @DisplayName(
      "fault 3 (a stale message), R18: a stale CartCleared does not extend the wait either")
  void aStaleCartClearedDoesNotExtendTheWait_R18() {
    cartUpdatedAt(199, "2026-11-11T10:20:00+08:00");
    long journey = journey();
    engine.increaseTime(Duration.ofMinutes(40));

    cartClearedAt("2026-11-11T10:10:00+08:00"); // older than the cart: ignored
    engine.increaseTime(Duration.ofMinutes(21));

    assertThat(engine.records().completedElements(journey)).doesNotContain("EndEvent_CartCleared");
    assertThat(checkIsWaiting(journey)).as("the check an hour after the cart").isTrue();
  }

  @Test
  @DisplayName(
      "R18: a newer CartUpdated takes the new cart value and starts the hour over from its arrival")
  void aNewerCartUpdatedStartsTheWaitOver_R18() {
    cartUpdatedAt(199, "2026-11-11T10:05:00+08:00");
    long journey = journey();
    engine.increaseTime(Duration.ofMinutes(40));

    cartUpdatedAt(299, "2026-11-11T10:45:00+08:00");
    engine.increaseTime(Duration.ofMinutes(30));
    assertThat(checkIsWaiting(journey)).as("70 minutes after the first cart").isFalse();
    engine.increaseTime(Duration.ofMinutes(31));

    assertThat(checkIsWaiting(journey)).as("an hour after the newer cart").isTrue();
    assertThat(engine.records().variable(journey, "cartValue")).contains("299");
  }

  @Test
  void r18_anUndeliverableReminderEndsTheJourney() {
    cartUpdated(199);
    long journey = journey();
    engine.increaseTime(Duration.ofHours(1));
    stillAbandonedAndActiveBuyer();
    couponIssued();
    sendingIsAllowedNow();

    var send = engine.nextJob(MessagingJobTypes.SEND_MESSAGE);
    engine
        .client()
        .newThrowErrorCommand(send.getKey())
        .errorCode("MESSAGE_UNDELIVERABLE")
        .errorMessage("no phone")
        .send()
        .join();

    assertThat(engine.records().completedElements(journey))
        .endsWith("EndEvent_ReminderUndeliverable");
  }

  /** An hour on, the cart still abandoned and the buyer active: the reminder's send job. */
  private java.util.Map<String, Object> reminderAnHourLater() {
    engine.increaseTime(Duration.ofHours(1));
    stillAbandonedAndActiveBuyer();
    sendingIsAllowedNow();
    return engine.nextJob(MessagingJobTypes.SEND_MESSAGE).getVariablesAsMap();
  }
}
