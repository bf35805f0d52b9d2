package com.careflow.coupons;

/** How a coupon reads in a message: "CNY 20 off orders from CNY 100" style, kept short for SMS. */
final class CouponTexts {

  private CouponTexts() {}

  /** {@code ¥20} for a fixed coupon, {@code 10%} for a percent coupon. */
  static String value(Coupon coupon) {
    String amount = coupon.value().stripTrailingZeros().toPlainString();
    return coupon.kind() == Coupon.Kind.FIXED ? "¥" + amount : amount + "%";
  }
}
