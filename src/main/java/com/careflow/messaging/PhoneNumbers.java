package com.careflow.messaging;

/**
 * Phone numbers are personal data: logs only ever see a masked form. Delegates to {@link
 * com.careflow.customers.PhoneNumbers} (libphonenumber), the one place numbers are read.
 */
final class PhoneNumbers {

  private PhoneNumbers() {}

  /** Masks every phone number in a text (Twilio puts the number into some errors). */
  public static String maskAll(String text) {
    return com.careflow.customers.PhoneNumbers.maskAll(text);
  }

  /**
   * Keeps the country code and the last 4 digits ({@code +8613800138000} becomes {@code
   * +86*******8000}); see {@link com.careflow.customers.PhoneNumbers#mask}.
   */
  public static String mask(String phone) {
    return com.careflow.customers.PhoneNumbers.mask(phone);
  }
}
