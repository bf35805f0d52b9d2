package com.careflow.campaigns;

import com.careflow.messaging.Channel;
import com.careflow.messaging.MessageCategory;
import com.careflow.messaging.SkipReason;
import com.careflow.messaging.SkipRecorder;
import org.springframework.stereotype.Component;

/**
 * A campaign's skipped offers as rows of the customer's message log (status {@code SKIPPED}) and
 * skipped sends of the campaign offer's send step in the analytics (so the step's and the
 * campaign's skipped-by-reason show them beside its sends), through messaging's {@link
 * SkipRecorder}. The send key {@code campaign/<campaign id>/<customer id>} makes a retried batch
 * record each skip once.
 */
@Component
class MessageLogSkippedOffers implements SkippedOffers {

  /**
   * The campaign offer's process and its send step (bpmn/campaign-offer.bpmn; id and name checked
   * against the model by MessageLogSkippedOffersModelTest).
   */
  static final String PROCESS_ID = CampaignJobTypes.CAMPAIGN_OFFER;

  static final String STEP_ID = "Activity_SendOffer";
  static final String STEP_NAME = "Send occasion message";

  /**
   * The template is chosen inside the offer (greeting or offer, by coupon); a skipped offer never
   * got that far.
   */
  static final String TEMPLATE_KEY = "campaign-offer";

  private final SkipRecorder skips;

  MessageLogSkippedOffers(SkipRecorder skips) {
    this.skips = skips;
  }

  static String sendKey(String campaignId, String customerId) {
    return "campaign/" + campaignId + "/" + customerId;
  }

  @Override
  public void noConsent(String campaignId, Occasion occasion, String customerId) {
    skips.record(batchSkip(campaignId, occasion, customerId, SkipReason.NO_CONSENT));
  }

  @Override
  public void unknownCustomer(String campaignId, Occasion occasion, String customerId) {
    skips.record(batchSkip(campaignId, occasion, customerId, SkipReason.NO_PHONE));
  }

  /** A skip the batch decides before any offer starts: no instance, segment unknown. */
  private static SkipRecorder.Skip batchSkip(
      String campaignId, Occasion occasion, String customerId, SkipReason reason) {
    return skip(campaignId, occasion, customerId, reason, null, null, null);
  }

  /**
   * The offer's send step skipped for {@code customerId}: keyed like the send it stands for, so a
   * repeated record changes nothing.
   */
  private static SkipRecorder.Skip skip(
      String campaignId,
      Occasion occasion,
      String customerId,
      SkipReason reason,
      Long processInstanceKey,
      Integer processVersion,
      String segment) {
    return new SkipRecorder.Skip(
        sendKey(campaignId, customerId),
        customerId,
        PROCESS_ID,
        processVersion,
        STEP_ID,
        STEP_NAME,
        campaignId,
        occasion.occasionId(),
        TEMPLATE_KEY,
        MessageCategory.MARKETING,
        Channel.SMS,
        reason,
        processInstanceKey,
        segment);
  }

  @Override
  public boolean notAddressed(
      String campaignId,
      Occasion occasion,
      String customerId,
      String segment,
      SkipReason reason,
      long processInstanceKey,
      int processVersion) {
    if (!NOT_ADDRESSED.contains(reason)) {
      throw new IllegalArgumentException(
          "not a reason for an offer not addressed: " + reason + "; one of " + NOT_ADDRESSED);
    }
    return offerSkip(
        campaignId, occasion, customerId, segment, reason, processInstanceKey, processVersion);
  }

  @Override
  public boolean notReachable(
      String campaignId,
      Occasion occasion,
      String customerId,
      String segment,
      SkipReason reason,
      long processInstanceKey,
      int processVersion) {
    if (!NOT_REACHABLE.contains(reason)) {
      throw new IllegalArgumentException(
          "not a reason for a buyer who cannot be messaged: "
              + reason
              + "; one of "
              + NOT_REACHABLE);
    }
    return offerSkip(
        campaignId, occasion, customerId, segment, reason, processInstanceKey, processVersion);
  }

  /** A skip an offer's instance decided, with the segment it decided. */
  private boolean offerSkip(
      String campaignId,
      Occasion occasion,
      String customerId,
      String segment,
      SkipReason reason,
      long processInstanceKey,
      int processVersion) {
    return skips.record(
        skip(
            campaignId, occasion, customerId, reason, processInstanceKey, processVersion, segment));
  }
}
