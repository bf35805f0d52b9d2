package com.careflow.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** A run of digits a national number could be: 7 or more, with spaces, dashes, dots, brackets. */
  private static final Pattern NATIONAL =
      Pattern.compile("(?<![\\w+*])\\(?\\d(?:[\\s().-]{0,2}\\d){6,}(?!\\w)");

  /**
   * Masks every phone number in a text, e.g. in a provider's error message: international ones
   * (with {@code +}, any country, found by libphonenumber) as {@link #mask}, and what is left that
   * could be a number in national format (7 or more digits, separators allowed; no region is known
   * here, so any such run counts) down to its last 4 digits.
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
    masked.append(text.substring(at));
    return NATIONAL.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(mask(m.group())));
  }

  /**
   * Keeps the country code (1 to 3 digits, as libphonenumber reads it) and the last 4 digits:
   * {@code +8613800138000} becomes {@code +86*******8000}, {@code +14155552671} {@code
   * +1******2671}, {@code +353851234567} {@code +353*****4567}; a number without {@code +}
   * (national format, country unknown) keeps its last 4 digits only. Separators are dropped. Null,
   * short (under 7 digits) or unreadable values are fully masked.
   */
  public static String mask(String phone) {
    if (phone == null) {
      return "****";
    }
    String digits = phone.replaceAll("\\D", "");
    if (digits.length() < 7) {
      return "****";
    }
    String countryCode = "";
    if (phone.strip().startsWith("+")) {
      try {
        countryCode = "+" + UTIL.parse(phone, "ZZ").getCountryCode();
      } catch (NumberParseException e) {
        return "****";
      }
      digits = digits.substring(countryCode.length() - 1);
    }
    int keepEnd = Math.min(4, digits.length() - 1);
    return countryCode
        + "*".repeat(digits.length() - keepEnd)
        + digits.substring(digits.length() - keepEnd);
  }
}
