package com.careflow.campaigns;

import com.careflow.messaging.SkipReason;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * A campaign offer the occasion does not address (rules R15, R16): one {@code SKIPPED} row in the
 * customer's message log with the reason the step names, and a skipped send of the offer's send
 * step in the campaign's results ({@link SkippedOffers}).
 */
@Component
public class RecordOfferNotMadeWorker {

  private final SkippedOffers skippedOffers;

  RecordOfferNotMadeWorker(SkippedOffers skippedOffers) {
    this.skippedOffers = skippedOffers;
  }

  /**
   * @param segment the segment the offer decided (R15), or null
   * @param skipReason the step's reason, set in the "Record offer not made" element template: one
   *     of {@link SkippedOffers#NOT_ADDRESSED}
   */
  public record Input(
      String campaignId,
      Occasion campaignOccasion,
      String customerId,
      String segment,
      String skipReason) {}

  @JobWorker(
      type = CampaignJobTypes.RECORD_OFFER_NOT_MADE,
      fetchVariables = {"campaignId", "campaignOccasion", "customerId", "segment", "skipReason"})
  public Map<String, Object> recordOfferNotMade(@VariablesAsType Input input, ActivatedJob job) {
    SkipReason reason = reason(input.skipReason());
    skippedOffers.notAddressed(
        input.campaignId(),
        input.campaignOccasion(),
        input.customerId(),
        input.segment(),
        reason,
        job.getProcessInstanceKey(),
        job.getProcessDefinitionVersion());
    return Map.of();
  }

  /**
   * The step's reason; a reason the step may not record is the model's problem, which no retry
   * fixes: an incident that names the valid codes.
   */
  static SkipReason reason(String code) {
    SkipReason reason = SkipReason.of(code);
    if (reason == null || !SkippedOffers.NOT_ADDRESSED.contains(reason)) {
      throw CamundaError.jobError(
          "Fix needed: the step's 'Why no offer' is '"
              + code
              + "'; it must be one of "
              + new TreeSet<>(SkippedOffers.NOT_ADDRESSED.stream().map(Enum::name).toList())
              + " (element template Record offer not made)",
          Map.of(),
          0);
    }
    return reason;
  }
}
