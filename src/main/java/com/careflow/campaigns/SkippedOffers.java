package com.careflow.campaigns;

import com.careflow.messaging.SkipReason;
import java.util.Set;

/**
 * Where a campaign reports an offer it decided not to make, so no skip is silent: the customer's
 * message log and the campaign's results ({@link MessageLogSkippedOffers}).
 */
interface SkippedOffers {

  /**
   * The reasons a campaign offer's own gateways (bpmn/campaign-offer.bpmn) record: the occasion's
   * calendar row does not address the customer's segment (R15), or leaves large buyers out (R16).
   */
  Set<SkipReason> NOT_ADDRESSED =
      Set.of(SkipReason.SEGMENT_NOT_ADDRESSED, SkipReason.LARGE_BUYER_LEFT_OUT);

  /**
   * The reasons messaging's send check gives ({@link com.careflow.messaging.Contactability}) that
   * the campaign offer's check records before any coupon is issued (rules R20, R22).
   */
  Set<SkipReason> NOT_REACHABLE =
      Set.of(
          SkipReason.NO_PHONE,
          SkipReason.NUMBER_FLAGGED_INVALID,
          SkipReason.OPTED_OUT,
          SkipReason.NO_CONSENT,
          SkipReason.FREQUENCY_CAP);

  /**
   * The customer has no marketing consent (rule R22): no offer starts, no message goes out.
   *
   * @param campaignId e.g. {@code CHRISTMAS-2026}
   */
  void noConsent(String campaignId, Occasion occasion, String customerId);

  /**
   * A seed id of a test run ({@link TestRun.Mode#SEED_LIST}) that the customer store does not know:
   * no offer starts. Recorded as {@link SkipReason#NO_PHONE}, as the send gate records a message to
   * an unknown customer, so a mistyped seed shows in the test run's skips instead of vanishing.
   *
   * @param campaignId the test run's id, e.g. {@code CHRISTMAS-2026-TEST-2251799813685249}
   */
  void unknownCustomer(String campaignId, Occasion occasion, String customerId);

  /**
   * The campaign offer found the occasion does not address the customer: no coupon, no message.
   *
   * @param campaignId e.g. {@code CHRISTMAS-2026}
   * @param segment the segment the offer decided (R15), e.g. {@code NEW}; null when the table gave
   *     none
   * @param reason one of {@link #NOT_ADDRESSED}
   * @param processInstanceKey the campaign offer's process instance
   * @param processVersion that instance's deployed version of {@code campaign-offer}
   * @return true when recorded now, false when this campaign recorded the customer's skip before (a
   *     retried job)
   */
  boolean notAddressed(
      String campaignId,
      Occasion occasion,
      String customerId,
      String segment,
      SkipReason reason,
      long processInstanceKey,
      int processVersion);

  /**
   * The campaign offer found the buyer cannot be messaged (messaging's send check): no coupon, no
   * message.
   *
   * @param reason one of {@link #NOT_REACHABLE}
   * @return true when recorded now, false when this campaign recorded the customer's skip before
   */
  boolean notReachable(
      String campaignId,
      Occasion occasion,
      String customerId,
      String segment,
      SkipReason reason,
      long processInstanceKey,
      int processVersion);
}
