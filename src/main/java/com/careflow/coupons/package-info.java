/**
 * Coupons (rules R9, R13, R17): the {@code issue-coupon} worker issues a coupon sized by the
 * discount table and returns its code. Owns the table {@code coupon} (V4).
 *
 * <p>Exposes {@link com.careflow.coupons.Coupon} (its kinds), {@link
 * com.careflow.coupons.CouponCodeRedaction} (hides codes from viewers; used by security), {@link
 * com.careflow.coupons.CouponJobTypes} and {@link com.careflow.coupons.IssuedCoupons}, the port
 * that reads the coupons issued to a buyer (the development simulator redeems them on its buyers'
 * later orders). Tells analytics of each issued coupon; reads the shop's time zone from {@code
 * journeys}.
 */
@ApplicationModule(allowedDependencies = {"analytics", "journeys"})
package com.careflow.coupons;

import org.springframework.modulith.ApplicationModule;
