package com.careflow.campaigns;

import com.careflow.messaging.Contactability;
import com.careflow.messaging.MessageCategory;
import com.careflow.messaging.SkipReason;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Whether the buyer of a campaign offer can be messaged, asked of messaging's send check ({@link
 * Contactability}, the same check its send gate makes) before the offer spends on a coupon (rules
 * R20, R22).
 */
@Service
class OfferReachability {

  private static final Logger log = LoggerFactory.getLogger(OfferReachability.class);

  private final Contactability contactability;
  private final SkippedOffers skippedOffers;

  OfferReachability(Contactability contactability, SkippedOffers skippedOffers) {
    this.contactability = contactability;
    this.skippedOffers = skippedOffers;
  }

  /** Why the offer's MARKETING message would be skipped now, or empty when it would go out. */
  Optional<SkipReason> whyNot(String customerId) {
    return contactability.whyNot(customerId, MessageCategory.MARKETING);
  }

  /**
   * @return true when the buyer can be messaged; false after recording the skip (once per campaign
   *     and customer, a retried job records nothing twice)
   */
  boolean checkAndRecord(
      String campaignId,
      Occasion occasion,
      String customerId,
      String segment,
      long processInstanceKey,
      int processVersion) {
    Optional<SkipReason> why = whyNot(customerId);
    if (why.isEmpty()) {
      return true;
    }
    skippedOffers.notReachable(
        campaignId, occasion, customerId, segment, why.get(), processInstanceKey, processVersion);
    log.info(
        "Campaign {}: no offer for customer {}, cannot be messaged: {} (no coupon issued)",
        campaignId,
        customerId,
        why.get());
    return false;
  }
}
