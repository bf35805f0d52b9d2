package com.careflow.coupons;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.Locale;

/**
 * How a coupon reads in a message, kept short for SMS: a fixed coupon's amount with the shop's
 * currency symbol ({@code careflow.analytics.currency}, the one setting), a percent coupon as a
 * percentage.
 */
final class CouponTexts {

  private CouponTexts() {}

  /**
   * {@code ¥20} (CNY), {@code $20} (USD), {@code €20} (EUR) for a fixed coupon, {@code 10%} for a
   * percent coupon.
   *
   * @param symbol the shop currency's {@link #symbol}
   */
  static String value(Coupon coupon, String symbol) {
    String amount = coupon.value().stripTrailingZeros().toPlainString();
    return coupon.kind() == Coupon.Kind.FIXED ? symbol + amount : amount + "%";
  }

  /**
   * The symbol the currency's own countries write ({@code ¥} for CNY, {@code $} for USD): the
   * shortest among the locales of the countries that use it, so a buyer reads the symbol of their
   * own shop; the ISO 4217 code when no locale has one.
   *
   * @param currency ISO 4217 code, e.g. {@code CNY}
   */
  static String symbol(String currency) {
    Currency c = Currency.getInstance(currency);
    return Arrays.stream(Locale.getAvailableLocales())
        .filter(l -> l.getCountry().length() == 2 && l.getScript().isEmpty())
        .filter(l -> l.getVariant().isEmpty() && c.equals(currencyOf(l)))
        .map(c::getSymbol)
        .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
        .orElse(c.getCurrencyCode());
  }

  private static Currency currencyOf(Locale locale) {
    try {
      return Currency.getInstance(locale);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
