/**
 * Coupons (rules R9, R13, R17): the {@code issue-coupon} worker issues a coupon sized by the
 * discount table and returns its code. Owns the table {@code coupon} (V4).
 *
 * <p>Exposes {@link com.careflow.coupons.Coupon} (its kinds), {@link
 * com.careflow.coupons.CouponCodeRedaction} (hides codes from viewers; used by security) and {@link
 * com.careflow.coupons.CouponJobTypes}. Tells analytics of each issued coupon; reads the shop's
 * time zone from {@code journeys}.
 */
@ApplicationModule(allowedDependencies = {"analytics", "journeys"})
package com.careflow.coupons;

import org.springframework.modulith.ApplicationModule;
