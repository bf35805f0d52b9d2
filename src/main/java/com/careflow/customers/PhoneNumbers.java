package com.careflow.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Optional;

/**
 * Phone numbers, through Google's libphonenumber: buyers' numbers as shops write them ({@code +86
 * 138 0013 8004}, {@code 138-0013-8004}, {@code 0044 20 7946 0958}) become E.164 ({@code
 * +8613800138004}), the form Careflow stores and Twilio takes; and logs only ever see a masked
 * form, because a phone number is personal data.
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * The number in E.164, or empty when it is not a valid number (wrong length for its country, no
   * such area code, letters).
   *
   * @param raw the number as written: international ({@code +86 …}, {@code 0086 …} is not read as
   *     international) or national ({@code 138 0013 8004}) with spaces, dashes, dots or brackets
   * @param defaultRegion ISO 3166 region (e.g. {@code CN}) of numbers written without a country
   *     code
   */
  public static Optional<String> toE164(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      var number = UTIL.parse(raw, defaultRegion);
      return UTIL.isValidNumber(number)
          ? Optional.of(UTIL.format(number, PhoneNumberFormat.E164))
          : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** Whether the region is one libphonenumber knows (e.g. {@code CN}, {@code DE}). */
  public static boolean isKnownRegion(String region) {
    return region != null && UTIL.getSupportedRegions().contains(region);
  }

  /**
   * Masks every international number (with its {@code +} and country code) that libphonenumber
   * finds in a text, e.g. in a provider's error message.
   */
  public static String maskAll(String text) {
    if (text == null) {
      return null;
    }
    var masked = new StringBuilder();
    int at = 0;
    for (PhoneNumberMatch match :
        UTIL.findNumbers(text, "ZZ", PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
      masked.append(text, at, match.start()).append(mask(match.rawString()));
      at = match.end();
    }
    return masked.append(text.substring(at)).toString();
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
