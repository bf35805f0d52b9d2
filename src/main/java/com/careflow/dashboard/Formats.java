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

  /**
   * #17: the attribution window (the API's ISO-8601 duration, e.g. {@code PT72H}) as the
   * definitions write it: whole hours as "72 h" in both languages, any other as the ISO text
   * ({@code PT90M}); null → "—".
   *
   * @throws java.time.format.DateTimeParseException when the text is not an ISO-8601 duration
   */
  public String window(String isoDuration) {
    if (isoDuration == null) {
      return NONE;
    }
    java.time.Duration window = java.time.Duration.parse(isoDuration);
    return window.toSeconds() % 3600 == 0 ? window.toHours() + " h" : isoDuration;
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

  /**
   * #18: an absolute lift (a fraction of 1) in percentage points with up to two decimals: 0.2178 →
   * "21.78 pp" ("21.78 个百分点" in Chinese); null → "—".
   */
  public String points(Double fraction) {
    if (fraction == null) {
      return NONE;
    }
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(2);
    f.setMaximumFractionDigits(2);
    return f.format(fraction * 100) + (chinese() ? " 个百分点" : " pp");
  }

  /** #18: an absolute lift and its interval in points: "21.78 pp [9.03 pp, 33.48 pp]". */
  public String pointsInterval(Double fraction, Double low, Double high) {
    if (fraction == null) {
      return NONE;
    }
    return low == null
        ? points(fraction)
        : points(fraction) + " [" + points(low) + ", " + points(high) + "]";
  }

  /** #18: a relative lift (a fraction) as a signed whole percentage: 0.5412 → "+54%". */
  public String signedPercent(Double fraction) {
    if (fraction == null) {
      return NONE;
    }
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMaximumFractionDigits(0);
    String text = f.format(fraction);
    return fraction > 0 && !text.startsWith("+") ? "+" + text : text;
  }

  /** #18: a relative lift and its interval: "+54% [+14%, +108%]". */
  public String signedPercentInterval(Double fraction, Double low, Double high) {
    if (fraction == null) {
      return NONE;
    }
    return low == null
        ? signedPercent(fraction)
        : signedPercent(fraction) + " [" + signedPercent(low) + ", " + signedPercent(high) + "]";
  }

  /** #18: money with its interval: "¥1,234.00 [-¥120.00, ¥2,600.00]". */
  public String moneyInterval(Double amount, Double low, Double high) {
    if (amount == null) {
      return NONE;
    }
    String value = money(BigDecimal.valueOf(amount));
    return low == null
        ? value
        : value
            + " ["
            + money(BigDecimal.valueOf(low))
            + ", "
            + money(BigDecimal.valueOf(high))
            + "]";
  }

  /**
   * #18: an incremental ROI as shops write ROI, like the API's R24 ROI: "18.4 : 1" (one decimal);
   * null → "—".
   */
  public String roiRatio(Double roi) {
    if (roi == null) {
      return NONE;
    }
    return ratio(BigDecimal.valueOf(roi).setScale(1, java.math.RoundingMode.HALF_UP));
  }

  /** "x : 1" with x written for the locale, one decimal: 2800.0 → "2,800.0 : 1". */
  private String ratio(BigDecimal x) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(x) + " : 1";
  }

  /**
   * #18: a holdout as configured and as applied: "configured 10 %, not applied: the setting
   * careflow.experiments.payment-reminder-holdout.enabled is false" or "configured 10 %, applied
   * (10 % of buyers held out)".
   *
   * @param reason why not applied, in the page's language (the bundles' {@code reasonKey} with its
   *     arguments); null: the status's English {@code reason}
   */
  public String holdoutStatus(
      com.careflow.experiments.ExperimentProperties.HoldoutStatus status, String reason) {
    String why = reason == null ? status.reason() : reason;
    if (chinese()) {
      return "已配置 "
          + status.configuredPercent()
          + " %，"
          + (status.reason() == null
              ? "已生效（" + status.effectivePercent() + " % 的买家不发送）"
              : "未生效：" + why);
    }
    return "configured "
        + status.configuredPercent()
        + " %, "
        + (status.reason() == null
            ? "applied (" + status.effectivePercent() + " % of buyers held out)"
            : "not applied: " + why);
  }

  private boolean chinese() {
    return locale.getLanguage().equals("zh");
  }

  /**
   * The API's ROI ("2800.0 : 1", R24) with its number written for the locale ("2,800.0 : 1"); a
   * text in another shape is shown as it is.
   */
  public String roi(String roi) {
    if (roi == null) {
      return NONE;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?) : 1").matcher(roi.strip());
    return m.matches() ? ratio(new BigDecimal(m.group(1))) : roi;
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
