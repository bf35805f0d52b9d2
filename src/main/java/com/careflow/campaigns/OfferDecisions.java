package com.careflow.campaigns;

import com.careflow.messaging.SkipReason;
import java.util.Optional;

/**
 * What the campaign offer (bpmn/campaign-offer.bpmn) would decide for one customer, without
 * starting it: the campaign's dry run asks this so its preview matches the real run.
 */
interface OfferDecisions {

  /**
   * Why the offer would end without a message — the occasion does not address the segment (R15),
   * leaves the large buyer out (R16), or the buyer cannot be messaged (R20, R22) — or empty when
   * the offer's message would go out.
   */
  Optional<SkipReason> whyNoOffer(String customerId, Occasion occasion);
}
