package com.careflow.coupons;

import java.util.List;

/**
 * The coupons module's read port: the coupons Careflow issued to a buyer (rules R9, R13, R17), read
 * by other code instead of the {@code coupon} table. Times are UTC instants; values in the shop's
 * currency (FIXED) or percent (PERCENT).
 */
public interface IssuedCoupons {

  /**
   * Every coupon Careflow issued to the buyer, oldest first (by issue time, then by issue order);
   * empty for an unknown buyer. Includes expired and redeemed coupons ({@link Coupon#expiresAt()},
   * {@link Coupon#redeemed()} tell them apart).
   */
  List<Coupon> issuedTo(String customerId);
}
