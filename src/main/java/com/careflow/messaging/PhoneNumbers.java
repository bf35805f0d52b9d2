package com.careflow.messaging;

/** Phone numbers are personal data: logs only ever see a masked form. */
public final class PhoneNumbers {

  private PhoneNumbers() {}

  /** {@code +8613800138000} becomes {@code +86*******8000}; null or short values are fully masked. */
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
