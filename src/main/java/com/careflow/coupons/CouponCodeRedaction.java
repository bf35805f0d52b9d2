package com.careflow.coupons;

import java.util.regex.Pattern;

/**
 * Hides coupon codes in a text (a message as sent to a buyer) from people who may read the text but
 * not use or pass on the codes: operations viewers.
 *
 * <p>A code is what {@link CouponCodes} issues: {@code CF} and 8 characters of its alphabet, not
 * joined to another Latin letter or digit (Chinese text puts codes right next to other characters,
 * so word boundaries are not used). Each code becomes {@value #REDACTED}; the rest of the text is
 * unchanged.
 */
public final class CouponCodeRedaction {

  /** What a redacted code reads as. */
  public static final String REDACTED = "CF********";

  private static final Pattern CODE =
      Pattern.compile(
          "(?<![A-Za-z0-9])"
              + CouponCodes.PREFIX
              + "["
              + CouponCodes.ALPHABET_CHARS
              + "]{"
              + CouponCodes.LENGTH
              + "}(?![A-Za-z0-9])");

  private CouponCodeRedaction() {}

  /** The text with every coupon code replaced by {@value #REDACTED}; {@code null} stays null. */
  public static String redact(String text) {
    return text == null ? null : CODE.matcher(text).replaceAll(REDACTED);
  }
}
