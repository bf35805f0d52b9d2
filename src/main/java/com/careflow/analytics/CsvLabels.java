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
 * have none). In a language, coded cells read in it too ({@link #cell}).
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

  /**
   * The message key prefixes of each field whose cells are codes the bundles name, tried in order:
   * a buyer kind ({@code NEW} → {@code kind.NEW}, R25), a skip's reason ({@code NO_CONSENT} →
   * {@code skip.NO_CONSENT}), a message's status and category ({@code messageStatus.*}, {@code
   * messageCategory.*}), a campaign test run's status and mode ({@code testRuns.status.*}, {@code
   * testRuns.mode.*}).
   */
  static final java.util.Map<String, java.util.List<String>> CODED_FIELDS =
      java.util.Map.of(
          "buyerKind", java.util.List.of("kind."),
          "reason", java.util.List.of("skip."),
          "status", java.util.List.of("messageStatus.", "testRuns.status."),
          "category", java.util.List.of("messageCategory."),
          "mode", java.util.List.of("testRuns.mode."));

  /** The fields naming a campaign: empty for the journeys outside campaigns. */
  static final java.util.Set<String> CAMPAIGN_FIELDS = java.util.Set.of("campaign");

  /**
   * A cell as the language writes it: a coded cell ({@link #CODED_FIELDS}) by its name in the
   * bundle (the code itself when no bundle key names it), an empty campaign as {@code
   * campaigns.none} ("No campaign (journeys outside campaigns)"); other cells, and every cell with
   * machine names, as they are (the JSON's values: an empty campaign stays empty).
   *
   * @param path the column's machine name ({@code buyerKind}, {@code campaign}, …)
   */
  public String cell(String path, String value) {
    if (locale == null || value == null) {
      return value;
    }
    int dot = path.lastIndexOf('.');
    String field = dot < 0 ? path : path.substring(dot + 1);
    if (CODED_FIELDS.containsKey(field) && !value.isEmpty()) {
      for (String prefix : CODED_FIELDS.get(field)) {
        String name = texts.getMessage(prefix + value, null, null, locale);
        if (name != null) {
          return name;
        }
      }
      return value;
    }
    if (CAMPAIGN_FIELDS.contains(field) && value.isEmpty()) {
      return texts.getMessage("campaigns.none", null, value, locale);
    }
    return value;
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
