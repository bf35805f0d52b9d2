package com.careflow.analytics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * The definitions shown with every figure (docs/analytics.md gives an example of each): their keys
 * here, their texts in the message bundles the dashboard speaks ({@code messages.properties},
 * {@code messages_zh_CN.properties}: {@code definition.<key>}, {@code {0}} the attribution window
 * as "72 h"), so the zh-CN page shows them in Chinese and the JSON API in English.
 */
final class Definitions {

  /** The figures that have a definition, in the order answers list them. */
  static final List<String> KEYS =
      List.of(
          "attribution",
          "influencedOrders",
          "messagesSent",
          "conversionRate",
          "buyerConversion",
          "cost",
          "roi",
          "netGmv",
          "gmv",
          "bySendDay",
          "shareOfShopGmv",
          "buyerKind",
          "paymentReminder",
          "trend",
          "decay",
          "skipped",
          "failures");

  /** The message key of a figure's definition. */
  static String messageKey(String key) {
    return "definition." + key;
  }

  /**
   * Every definition in the locale's language (English for any language but Chinese).
   *
   * @param window the attribution window, e.g. {@code PT72H}
   * @throws org.springframework.context.NoSuchMessageException when a bundle lacks a definition
   */
  static Map<String, String> all(Duration window, MessageSource texts, Locale locale) {
    Object[] args = {hours(window)};
    Map<String, String> d = new LinkedHashMap<>();
    for (String key : KEYS) {
      d.put(key, texts.getMessage(messageKey(key), args, locale));
    }
    return d;
  }

  /** A window of whole hours as "72 h", any other as ISO ({@code PT90M}). */
  static String hours(Duration window) {
    return window.toMinutes() % 60 == 0 ? window.toHours() + " h" : window.toString();
  }

  private Definitions() {}
}
