package com.careflow.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The analytics module's inbound port (rules R23–R26): the facts it measures, told at the moment
 * they happen. Messaging calls {@link #recordSend} and {@link #recordStatus}; the event intake
 * calls the order, payment, refund and cancellation methods; the coupon worker {@link
 * #recordCouponIssued}. Each fact may also be published as a Spring application event (the records
 * below); {@code AnalyticsEventListener} passes them here.
 *
 * <p>Every method is idempotent: a replayed fact changes nothing, and the final figures depend only
 * on the set of facts, not on the order in which they arrived (a late delivery receipt or a send
 * recorded after the payment re-attributes what it touches). Instants are absolute; the module
 * derives each fact's shop day in {@code careflow.journeys.shop-time-zone}. Money is a decimal
 * amount in the ISO 4217 currency given; amounts in another currency than the shop's ({@code
 * careflow.analytics.currency}) are converted with {@code careflow.analytics.exchange-rates}. Ids
 * are the shop's or Careflow's own, at most 64 characters (send id 100). A fact that breaks these
 * rules is refused with {@link IllegalArgumentException} and nothing is stored.
 */
public interface AnalyticsFacts {

  /**
   * What a campaign test run's id carries ({@code <campaign id>-TEST-<run key>}, e.g. {@code
   * CHRISTMAS-2026-TEST-2251799813685249}): the campaigns module builds its test runs' ids with it,
   * and a send or coupon whose campaign carries it is a fact of the test (SEED_LIST offers to the
   * shop's own staff, skips of its seeds), recorded apart and never counted as a result.
   */
  String TEST_RUN_MARK = "-TEST-";

  /** Whether a campaign id is a test run's ({@link #TEST_RUN_MARK}); false for null. */
  static boolean isTestRun(String campaign) {
    return campaign != null && campaign.contains(TEST_RUN_MARK);
  }

  /** Records a send (or a skipped send) once; a replay with the same {@code sendId} is ignored. */
  void recordSend(SendFact send);

  /**
   * A delivery receipt for a Message SID (Twilio's {@code MessageSid}): {@code queued, sent,
   * delivered, read, failed, undelivered}, case-insensitive. It moves the send only as {@link
   * com.careflow.messagestatus.MessageStatus#canFollow} says, the rule the message log applies: no
   * step back, nothing after {@code delivered}, {@code undelivered} or {@code failed} but {@code
   * read} after {@code delivered}. Failed and undelivered messages lose any credit they had (R23).
   * Messaging passes only the receipts it applied to its log, one chain per message, so their order
   * of arrival here does not change the outcome. A receipt for an id not recorded yet is kept until
   * its send is (returns false).
   */
  default boolean recordStatus(String messageSid, String status, Instant at) {
    return recordStatus(messageSid, status, at, null);
  }

  /**
   * As {@link #recordStatus(String, String, Instant)}, with the provider's error code of a failed
   * or undelivered message (Twilio's {@code ErrorCode}, e.g. 30003), or null; counted in the
   * failures by error code.
   */
  boolean recordStatus(String messageSid, String status, Instant at, Integer errorCode);

  /**
   * The order was placed (the amount before payment; the buyer's paid orders before it if known).
   */
  void recordOrderPlaced(OrderPlacedFact order);

  /** The order was paid: the moment it counts for attribution (R23). */
  void recordPayment(PaymentFact payment);

  /** A refund, partial or full; several refunds of one order add up, capped at the paid amount. */
  void recordRefund(String orderId, BigDecimal amount, Instant at);

  /** The order was cancelled: a paid order's not yet refunded rest leaves net GMV. */
  void recordCancellation(String orderId, Instant at);

  /**
   * Records a batch of order facts at once (the event intake's drain, issue #19): the same facts,
   * with the same checks and the same result, as {@link #recordOrderPlaced}, {@link
   * #recordPayment}, {@link #recordRefund} and {@link #recordCancellation} called for each in turn,
   * in one transaction (the caller's, if it has one); what a batch changes in the rollups is read
   * and written once per touched row instead of once per fact.
   *
   * <p>Idempotent per fact: a fact repeated inside the batch, or recorded before (one by one or in
   * another batch), changes nothing again. The facts may come in any order (a payment before its
   * order's placement, a refund or cancellation of an order placed or paid in the same batch, two
   * orders of one buyer): the figures depend only on the set of facts recorded, so a batch gives
   * the same figures as its facts one by one, in any order and split into batches in any way (R23's
   * credit of each payment, R25's new or returning buyer of each order, exact distinct buyers).
   *
   * @param facts {@link OrderPlacedFact}, {@link PaymentFact}, {@link RefundFact} and {@link
   *     CancellationFact} records, any mix, any length (empty: nothing happens)
   * @throws IllegalArgumentException when any fact of the batch breaks the rules its own method
   *     checks (the message names its 0-based position, its kind and order id, and the reason);
   *     then nothing of the batch is stored, and a caller that wants the others recorded records
   *     them one by one (or in a batch without the refused one)
   */
  default void recordOrderFacts(List<? extends OrderFact> facts) {
    for (OrderFact fact : facts) {
      switch (fact) {
        case OrderPlacedFact f -> recordOrderPlaced(f);
        case PaymentFact f -> recordPayment(f);
        case RefundFact f -> recordRefund(f.orderId(), f.amount(), f.at());
        case CancellationFact f -> recordCancellation(f.orderId(), f.at());
      }
    }
  }

  /**
   * A fact of an order's life that {@link #recordOrderFacts} takes: placed, paid, refunded or
   * cancelled.
   */
  sealed interface OrderFact permits OrderPlacedFact, PaymentFact, RefundFact, CancellationFact {

    /** The shop's order id the fact is about. */
    String orderId();
  }

  /**
   * A batch of order facts as one application event: {@code AnalyticsEventListener} passes it to
   * {@link #recordOrderFacts}, whose exceptions reach the publisher (an {@link
   * IllegalArgumentException} names the refused fact).
   *
   * @param facts the batch, in the order published
   */
  record OrderFactBatch(List<OrderFact> facts) {

    /** A copy of the list: the batch does not change after it is published. */
    public OrderFactBatch {
      facts = List.copyOf(facts);
    }
  }

  /**
   * A coupon a journey step issued; its discount counts as cost when it is redeemed on an order.
   */
  void recordCouponIssued(CouponIssuedFact coupon);

  /**
   * One send attempt as messaging decided it.
   *
   * @param sendId Careflow's stable key of the send (the message log's send key), required
   * @param messageSid Twilio's MessageSid, null when skipped or not yet accepted
   * @param customerId the buyer, required
   * @param orderId the order the message is about (payment reminders), or null
   * @param processId BPMN process id of the journey that asked for the message, e.g. {@code
   *     order-journey}
   * @param processVersion that process's deployed version
   * @param stepId the calling step: element id of the journey's call activity / task that asked for
   *     the message (not the delivery sub-process's own {@code Activity_SendMessage})
   * @param stepName that element's business name, e.g. "Payment reminder"
   * @param campaign campaign id, or null outside campaigns
   * @param occasion occasion (e.g. {@code double11}), or null
   * @param segment the buyer's segment at send time: A, B, C, D or NEW; null if unknown
   * @param category TRANSACTIONAL or MARKETING
   * @param channel SMS or WHATSAPP
   * @param templateKey e.g. {@code payment-reminder-new}
   * @param locale e.g. {@code zh-CN}
   * @param status the status at recording: SKIPPED, QUEUED, SENT, DRY_RUN, DELIVERED, FAILED…
   * @param segments SMS segments billed (0 if skipped)
   * @param cost the provider's price, or segments × the configured price per segment; null if none
   * @param costCurrency ISO 4217 currency of {@code cost}
   * @param skipReason the skip's code when skipped (messaging's {@code SkipReason}: NO_CONSENT,
   *     OPTED_OUT, FREQUENCY_CAP, SEGMENT_NOT_ADDRESSED, LARGE_BUYER_LEFT_OUT, NO_PHONE,
   *     NUMBER_FLAGGED_INVALID, REASON_EXPIRED_…), else null
   * @param sentAt when it was handed to the provider (or decided skipped)
   * @param errorCode the provider's error code of a refused send (Twilio's, e.g. 21211), or of a
   *     skip it explains (a number flagged by 21211); null when none
   */
  record SendFact(
      String sendId,
      String messageSid,
      String customerId,
      String orderId,
      String processId,
      Integer processVersion,
      String stepId,
      String stepName,
      String campaign,
      String occasion,
      String segment,
      String category,
      String channel,
      String templateKey,
      String locale,
      String status,
      int segments,
      BigDecimal cost,
      String costCurrency,
      String skipReason,
      Instant sentAt,
      Integer errorCode) {

    /** A send without an error code. */
    public SendFact(
        String sendId,
        String messageSid,
        String customerId,
        String orderId,
        String processId,
        Integer processVersion,
        String stepId,
        String stepName,
        String campaign,
        String occasion,
        String segment,
        String category,
        String channel,
        String templateKey,
        String locale,
        String status,
        int segments,
        BigDecimal cost,
        String costCurrency,
        String skipReason,
        Instant sentAt) {
      this(
          sendId,
          messageSid,
          customerId,
          orderId,
          processId,
          processVersion,
          stepId,
          stepName,
          campaign,
          occasion,
          segment,
          category,
          channel,
          templateKey,
          locale,
          status,
          segments,
          cost,
          costCurrency,
          skipReason,
          sentAt,
          null);
    }
  }

  /**
   * An order as placed.
   *
   * @param amount the order's amount before payment, in {@code currency}
   * @param priorPaidOrders how many paid orders the shop knows the buyer had before this one, or
   *     null when the shop does not say (then Careflow's own history decides, R25)
   */
  record OrderPlacedFact(
      String orderId,
      String customerId,
      BigDecimal amount,
      String currency,
      Instant placedAt,
      Integer priorPaidOrders)
      implements OrderFact {}

  /**
   * A payment.
   *
   * @param amount the amount paid (after the coupon's discount), in {@code currency}
   * @param units items in the order
   * @param couponCode the coupon redeemed on the order, or null
   * @param discount the coupon's discount, in {@code currency} (0 or null without coupon)
   */
  record PaymentFact(
      String orderId,
      String customerId,
      BigDecimal amount,
      String currency,
      Instant paidAt,
      int units,
      String couponCode,
      BigDecimal discount)
      implements OrderFact {}

  /** A coupon issued by a journey step (same step fields as {@link SendFact}). */
  record CouponIssuedFact(
      String couponCode,
      String customerId,
      String processId,
      Integer processVersion,
      String stepId,
      String stepName,
      String campaign,
      String occasion,
      Instant issuedAt) {}

  /**
   * A delivery receipt as an application event.
   *
   * @param errorCode the provider's error code (failed, undelivered), or null
   */
  record StatusFact(String messageSid, String status, Instant at, Integer errorCode) {

    /** A receipt without an error code. */
    public StatusFact(String messageSid, String status, Instant at) {
      this(messageSid, status, at, null);
    }
  }

  /** A refund as an application event. */
  record RefundFact(String orderId, BigDecimal amount, Instant at) implements OrderFact {}

  /** A cancellation as an application event. */
  record CancellationFact(String orderId, Instant at) implements OrderFact {}
}
