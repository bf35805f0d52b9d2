package com.careflow.campaigns;

/**
 * Where a campaign reports an offer it decided not to make, so no skip is silent: the customer's
 * message log and the campaign's results ({@link MessageLogSkippedOffers}).
 */
@FunctionalInterface
public interface SkippedOffers {

  /**
   * The customer has no marketing consent (rule R22): no offer starts, no message goes out.
   *
   * @param campaignId e.g. {@code CHRISTMAS-2026}
   */
  void noConsent(String campaignId, Occasion occasion, String customerId);
}
