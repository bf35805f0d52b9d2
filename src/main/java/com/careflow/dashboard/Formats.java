package com.careflow.dashboard;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Formats the API's figures for the reader's locale: counts with grouping, money in the shop's
 * currency, rates (fractions) as percentages, dates in the locale's medium style. A missing figure
 * (the API's null: no denominator, no cost) is written "—".
 */
public final class Formats {

  static final String NONE = "—";

  private final Locale locale;
  private final Currency currency;

  Formats(Locale locale, String currency) {
    this.locale = locale;
    this.currency = Currency.getInstance(currency);
  }

  public Locale locale() {
    return locale;
  }

  public String count(Number n) {
    return n == null ? NONE : NumberFormat.getIntegerInstance(locale).format(n);
  }

  public String decimal(BigDecimal n) {
    if (n == null) {
      return NONE;
    }
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(n.scale() > 0 ? Math.min(n.scale(), 2) : 0);
    f.setMaximumFractionDigits(2);
    return f.format(n);
  }

  public String money(BigDecimal amount) {
    if (amount == null) {
      return NONE;
    }
    NumberFormat f = NumberFormat.getCurrencyInstance(locale);
    f.setCurrency(currency);
    f.setMinimumFractionDigits(currency.getDefaultFractionDigits());
    f.setMaximumFractionDigits(currency.getDefaultFractionDigits());
    return f.format(amount);
  }

  /** A rate as a percentage with up to two decimals (0.6667 → "66.67%"). */
  public String percent(BigDecimal rate) {
    if (rate == null) {
      return NONE;
    }
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMinimumFractionDigits(0);
    f.setMaximumFractionDigits(2);
    return f.format(rate);
  }

  public String roi(String roi) {
    return roi == null ? NONE : roi;
  }

  public String date(LocalDate day) {
    return day == null
        ? NONE
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).localizedBy(locale).format(day);
  }

  public String minutes(Long minutes) {
    return minutes == null ? NONE : count(minutes);
  }

  /** An instant as a date and time in the given zone, formatted for the locale. */
  public String instant(java.time.Instant at, java.time.ZoneId zone) {
    return at == null
        ? NONE
        : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .localizedBy(locale)
            .format(at.atZone(zone));
  }
}
