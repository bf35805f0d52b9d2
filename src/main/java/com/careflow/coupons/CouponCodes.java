package com.careflow.coupons;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/** Coupon codes buyers type in: "CF" and 8 characters without look-alikes (no 0/O, 1/I/L). */
@Component
class CouponCodes {

  static final String PREFIX = "CF";
  static final int LENGTH = 8;
  static final String ALPHABET_CHARS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final char[] ALPHABET = ALPHABET_CHARS.toCharArray();
  private final SecureRandom random = new SecureRandom();

  String next() {
    StringBuilder code = new StringBuilder(PREFIX);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }
}
