package com.careflow.analytics;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The names a CSV download gives its header facts and columns: the machine names (field paths such
 * as {@code figures.messagesSent}) for the API's clients, or the page's language ({@code lang}
 * {@code zh-CN} or {@code en}) for a download from the dashboard, from the same message bundles as
 * the pages: a fact {@code csv.fact.<name>}; a column {@code csv.column.<field>}, else the page's
 * figure label {@code figure.<field>}, after the label of its group ({@code csv.group.<group>},
 * e.g. "Shop · GMV"; the groups {@code figures}, {@code buyers} and an experiment's {@code lift}
 * have none).
 */
public final class CsvLabels {

  private final MessageSource texts;
  private final Locale locale;

  private CsvLabels(MessageSource texts, Locale locale) {
    this.texts = texts;
    this.locale = locale;
  }

  /**
   * @param lang {@code zh-CN} (any {@code zh…}) or {@code en…}; null or blank: machine names
   * @throws IllegalArgumentException for another language
   */
  public static CsvLabels of(MessageSource texts, String lang) {
    return new CsvLabels(texts, locale(lang));
  }

  /** The language a {@code lang} parameter names; null for none (machine names). */
  public static Locale locale(String lang) {
    if (lang == null || lang.isBlank()) {
      return null;
    }
    String l = lang.strip().toLowerCase(Locale.ROOT);
    if (l.startsWith("zh")) {
      return Locale.SIMPLIFIED_CHINESE;
    }
    if (l.startsWith("en")) {
      return Locale.ENGLISH;
    }
    throw new IllegalArgumentException("lang is zh-CN or en, not '" + lang + "'");
  }

  /** The language of the labels; null for machine names. */
  public Locale locale() {
    return locale;
  }

  /** A header fact's name ({@code from}, {@code timeZone}, …). */
  public String fact(String name) {
    return locale == null ? name : texts.getMessage("csv.fact." + name, null, name, locale);
  }

  /** A column's name; its machine name when no bundle names it. */
  public String column(String path) {
    if (locale == null) {
      return path;
    }
    String label = label(path, locale);
    return label == null ? path : label;
  }

  /** A column's label in the language, or null when a bundle lacks its field or group. */
  String label(String path, Locale language) {
    int dot = path.lastIndexOf('.');
    String field = dot < 0 ? path : path.substring(dot + 1);
    String name = texts.getMessage("csv.column." + field, null, null, language);
    if (name == null) {
      name = texts.getMessage("figure." + field, null, null, language);
    }
    if (name == null || dot < 0) {
      return name;
    }
    String group = path.substring(0, dot);
    if (group.equals("figures") || group.equals("buyers") || group.equals("lift")) {
      return name;
    }
    String groupName = texts.getMessage("csv.group." + group, null, null, language);
    return groupName == null ? null : groupName + " · " + name;
  }
}
