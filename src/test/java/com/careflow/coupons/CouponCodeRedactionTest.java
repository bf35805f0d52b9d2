package com.careflow.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Coupon codes vanish from texts shown to operations viewers; nothing else in the text does. */
class CouponCodeRedactionTest {

  private final CouponCodes codes = new CouponCodes();

  @Test
  void everyIssuedCodeIsRedactedWhereverItStandsInAText() {
    for (int i = 0; i < 500; i++) {
      String code = codes.next();
      List<String> texts =
          List.of(
              code,
              "coupon " + code + " (¥20 off) is yours",
              "结算时使用优惠券" + code + "更优惠。",
              "送您 ¥20 优惠券 " + code + "，有效期至 2026-12-01。",
              "codes: " + code + "," + codes.next() + ".");
      for (String text : texts) {
        String redacted = CouponCodeRedaction.redact(text);
        assertThat(redacted).as(text).doesNotContain(code).contains(CouponCodeRedaction.REDACTED);
      }
    }
  }

  @Test
  void theRestOfTheTextStaysAsItWas() {
    String text = "订单 o-1 的优惠券 CFABCD2345，有效期至 2026-12-01。Tracking SF1234567890.";

    assertThat(CouponCodeRedaction.redact(text))
        .isEqualTo("订单 o-1 的优惠券 CF********，有效期至 2026-12-01。Tracking SF1234567890.");
  }

  @Test
  void wordsThatOnlyLookLikeCodesAreLeftAlone() {
    // longer runs, lower case, and characters outside the code alphabet (0, O, 1, I, L)
    List<String> texts =
        List.of("CFABCD23456", "XCFABCD2345", "cfabcd2345", "CFABCD2340", "CFABCDOOOO", "CFABC");
    for (String text : texts) {
      assertThat(CouponCodeRedaction.redact(text)).isEqualTo(text);
    }
    assertThat(CouponCodeRedaction.redact(null)).isNull();
  }
}
