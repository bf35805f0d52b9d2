package com.careflow.coupons;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A coupon Careflow issued: what it is worth, to whom, until when, which journey step issued it,
 * and whether it was redeemed (campaign cost for ROI, rule R24).
 */
public record Coupon(
    String code,
    String customerId,
    String orderId,
    String occasion,
    Kind kind,
    BigDecimal value,
    BigDecimal minimumSpend,
    Instant issuedAt,
    Instant expiresAt,
    IssuedBy issuedBy,
    boolean redeemed) {

  /**
   * FIXED takes {@code value} in the shop's currency off; PERCENT takes {@code value} percent off.
   */
  public enum Kind {
    FIXED,
    PERCENT
  }

  /** The journey step that issued the coupon. */
  public record IssuedBy(String processId, long processInstanceKey, String elementId) {}
}
