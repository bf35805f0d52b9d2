package com.careflow.coupons;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/** Coupon codes buyers type in: "CF" and 8 characters without look-alikes (no 0/O, 1/I/L). */
@Component
class CouponCodes {

  private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
  private final SecureRandom random = new SecureRandom();

  String next() {
    StringBuilder code = new StringBuilder("CF");
    for (int i = 0; i < 8; i++) {
      code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }
}
