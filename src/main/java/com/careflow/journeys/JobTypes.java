package com.careflow.journeys;

/**
 * Every job type the shipped journeys use, each served by exactly one {@code @JobWorker}. The
 * structural test reads the models and the workers and fails on any mismatch.
 */
public final class JobTypes {

  private JobTypes() {}

  /** Looks up whether the buyer is new or returning (customers). */
  public static final String LOOKUP_BUYER = "lookup-buyer";

  /** Computes when a message may go out, outside the buyer's quiet hours (messaging). */
  public static final String PLAN_SEND_TIME = "plan-send-time";

  /** Renders and sends one message to a buyer (messaging). */
  public static final String SEND_MESSAGE = "send-message";

  /**
   * Gives a staff phone call its due time inside the preferred calling hours (journeys, rule R3).
   */
  public static final String PLAN_CALL_TIME = "plan-call-time";

  /**
   * Issues a coupon sized by the discount table and returns its code (coupons, rules R9, R13, R17).
   */
  public static final String ISSUE_COUPON = "issue-coupon";
}
