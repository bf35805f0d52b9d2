package com.careflow.messaging;

/** Phone numbers are personal data: logs only ever see a masked form. */
public final class PhoneNumbers {

  private PhoneNumbers() {}

  private static final java.util.regex.Pattern E164 =
      java.util.regex.Pattern.compile("\\+\\d{7,15}");

  /** Masks every E.164 number in a text (Twilio puts the number into some error messages). */
  public static String maskAll(String text) {
    return text == null ? null : E164.matcher(text).replaceAll(m -> mask(m.group()));
  }

  /**
   * {@code +8613800138000} becomes {@code +86*******8000}; null or short values are fully masked.
   */
  public static String mask(String phone) {
    if (phone == null || phone.length() < 7) {
      return "****";
    }
    int keepStart = phone.startsWith("+") ? 3 : 2;
    int keepEnd = 4;
    return phone.substring(0, keepStart)
        + "*".repeat(phone.length() - keepStart - keepEnd)
        + phone.substring(phone.length() - keepEnd);
  }
}
