package com.careflow.campaigns;

/**
 * Ids of the re-engagement journeys and the job types of their workers (rules R18, R19), kept in
 * the module that implements them; {@code ModelConsistencyTest} lists them with the others.
 */
public final class CampaignJobTypes {

  private CampaignJobTypes() {}

  /** bpmn/cart-recovery.bpmn: one instance per customer with an open cart (R18). */
  public static final String CART_RECOVERY = "cart-recovery";

  /**
   * bpmn/holiday-reengagement.bpmn: the daily look at the occasion calendar and the campaign
   * fan-out (R19).
   */
  public static final String HOLIDAY_REENGAGEMENT = "holiday-reengagement";

  /** bpmn/campaign-offer.bpmn: one small instance per customer a campaign reaches. */
  public static final String CAMPAIGN_OFFER = "campaign-offer";

  /** dmn/occasion-calendar.dmn: which occasions fall on a day and whom they address. */
  public static final String OCCASION_CALENDAR = "occasion-calendar";

  /**
   * Checks that a cart is still open and that the customer has not ordered since it changed (R18).
   */
  public static final String CHECK_CART_ABANDONED = "check-cart-abandoned";

  /**
   * dmn/occasion-calendar.dmn, table offer-audience: why a campaign offer is not made to a customer
   * (SEGMENT_NOT_ADDRESSED R15, LARGE_BUYER_LEFT_OUT R16), or nothing; the offer and the dry run
   * both evaluate it.
   */
  public static final String OFFER_AUDIENCE = "offer-audience";

  /**
   * dmn/occasion-calendar.dmn, table sale-window: each big sale's sale day and last follow-up day
   * (R19), the dashboard's period presets ({@link SaleWindows}); no campaign runs from it.
   */
  public static final String SALE_WINDOW = "sale-window";

  /** Opens (or finds) the campaign for an occasion. */
  public static final String PLAN_CAMPAIGN = "plan-campaign";

  /**
   * Reaches the next page of a campaign's audience: records skipped customers, starts one offer per
   * customer.
   */
  public static final String START_CAMPAIGN_BATCH = "start-campaign-batch";

  /**
   * Records a campaign offer the occasion does not address (segment R15, large buyer R16) as a
   * skipped message of the customer, so no customer is left out silently.
   */
  public static final String RECORD_OFFER_NOT_MADE = "record-offer-not-made";

  /**
   * Asks messaging's send check whether the buyer of a campaign offer can be messaged (R20, R22)
   * before any coupon is issued; records the skip when not.
   */
  public static final String CHECK_OFFER_REACHABLE = "check-offer-reachable";
}
