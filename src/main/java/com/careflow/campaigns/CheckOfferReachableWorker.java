package com.careflow.campaigns;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Before a campaign offer issues a coupon (rules R20, R22): can the buyer be messaged? When not,
 * the skip is recorded once ({@link SkippedOffers#notReachable}) and the offer ends without a
 * coupon.
 */
@Component
public class CheckOfferReachableWorker {

  private final OfferReachability reachability;

  CheckOfferReachableWorker(OfferReachability reachability) {
    this.reachability = reachability;
  }

  /**
   * @param segment the segment the offer decided (R15), or null
   */
  public record Input(
      String campaignId, Occasion campaignOccasion, String customerId, String segment) {}

  /**
   * @return {@code buyerReachable}: true when the message would go out; false when the skip was
   *     recorded
   */
  @JobWorker(
      type = CampaignJobTypes.CHECK_OFFER_REACHABLE,
      fetchVariables = {"campaignId", "campaignOccasion", "customerId", "segment"})
  public Map<String, Object> checkOfferReachable(@VariablesAsType Input input, ActivatedJob job) {
    boolean reachable =
        reachability.checkAndRecord(
            input.campaignId(),
            input.campaignOccasion(),
            input.customerId(),
            input.segment(),
            job.getProcessInstanceKey(),
            job.getProcessDefinitionVersion());
    return Map.of("buyerReachable", reachable);
  }
}
