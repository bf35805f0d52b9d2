package com.careflow.messaging;

/**
 * Phone numbers are personal data: logs only ever see a masked form. Delegates to {@link
 * com.careflow.customers.PhoneNumbers} (libphonenumber), the one place numbers are read.
 */
final class PhoneNumbers {

  private PhoneNumbers() {}

  /** Masks every international number in a text (Twilio puts the number into some errors). */
  public static String maskAll(String text) {
    return com.careflow.customers.PhoneNumbers.maskAll(text);
  }

  /**
   * {@code +8613800138000} becomes {@code +86*******8000}; null or short values are fully masked.
   */
  public static String mask(String phone) {
    return com.careflow.customers.PhoneNumbers.mask(phone);
  }
}
