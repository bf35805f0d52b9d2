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
 * have none). In a language, coded cells read in it too ({@link #cell}), the names the pages give
 * ({@link ModelNames}: occasions, segments, steps) with the code kept beside them in a column of
 * its own ({@link #keepsCode}), and so do the definitions ({@link #definition}).
 */
public final class CsvLabels {

  private final MessageSource texts;
  private final Locale locale;
  private final ModelNames names;

  private CsvLabels(MessageSource texts, Locale locale) {
    this.texts = texts;
    this.locale = locale;
    this.names = locale == null ? null : new ModelNames(texts);
  }

  /**
   * @param lang {@code zh-CN} (any {@code zh…}) or {@code en…}; null or blank: machine names
   * @throws ParameterRefused for another language (naming {@code lang})
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
    throw new ParameterRefused("lang", "error.lang.unknown", lang);
  }

  /** The language of the labels; null for machine names. */
  public Locale locale() {
    return locale;
  }

  /**
   * A sentence the bundles key, in the language: {@code key} with {@code arguments}; with machine
   * names (or no such key) {@code english}, the report's own text.
   */
  public String text(String key, java.util.List<?> arguments, String english) {
    if (locale == null || key == null) {
      return english;
    }
    return texts.getMessage(key, arguments.toArray(), english, locale);
  }

  /**
   * A list's cell in the language: its items joined with {@code csv.list.separator} ("、", ", "),
   * {@code csv.list.none} ("无", "none") for an empty list; with machine names the list as Java
   * writes it ({@code [1, 2]}, {@code []}).
   */
  public String list(java.util.Collection<?> items) {
    if (locale == null) {
      return String.valueOf(items);
    }
    if (items.isEmpty()) {
      return texts.getMessage("csv.list.none", null, "", locale);
    }
    String separator = texts.getMessage("csv.list.separator", null, ", ", locale);
    return items.stream()
        .map(String::valueOf)
        .collect(java.util.stream.Collectors.joining(separator));
  }

  /**
   * A send step as the Journey page names it, "journey · step" ({@link ModelNames}); with machine
   * names "processId · modelName".
   */
  public String step(String processId, String stepId, String modelName) {
    if (locale == null) {
      return processId + " · " + modelName;
    }
    return names.journey(processId, processId, locale)
        + " · "
        + names.step(processId, stepId, modelName, locale);
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
    if (path.endsWith("#code")) {
      String named = path.substring(0, path.length() - "#code".length());
      return texts.getMessage("csv.codeColumn", new Object[] {column(named)}, path, locale);
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
          "mode", java.util.List.of("testRuns.mode."),
          "source", java.util.List.of("messageTextSource."));

  /**
   * The fields whose cells are true/false: yes/no in the language ({@code csv.yes}, {@code
   * csv.no}).
   */
  static final java.util.Set<String> BOOLEAN_FIELDS =
      java.util.Set.of("published", "draft", "currentRule");

  /**
   * The maps of codes a report flattens into columns, by the message key prefix of the codes: the
   * skips by reason of a campaign's test run ({@code skippedByReason.NO_CONSENT} → "Skipped by
   * reason · No consent (R22)").
   */
  static final java.util.Map<String, String> CODED_GROUPS =
      java.util.Map.of("skippedByReason", "skip.");

  /** The fields naming a campaign: empty for the journeys outside campaigns. */
  static final java.util.Set<String> CAMPAIGN_FIELDS = java.util.Set.of("campaign");

  /**
   * The fields whose codes the pages name with {@link ModelNames} (an occasion by the occasion
   * calendar, R19; a customer segment, R15): in a language their cells carry the name, and the code
   * stays machine-readable in a column of its own ({@link #codeColumn}).
   */
  static final java.util.Set<String> NAMED_FIELDS = java.util.Set.of("occasion", "segment");

  /**
   * The fields of a step's recorded name, named as the Journey page names the step, with the fields
   * of its row giving the journey and the step: the breakdown's ({@code step_name}, {@code
   * process_id}, {@code step_id}) and the skips' and step tables' ({@code stepName}, {@code
   * processId}, {@code stepId}).
   */
  static final java.util.Map<String, java.util.List<String>> STEP_NAME_FIELDS =
      java.util.Map.of(
          "step_name", java.util.List.of("process_id", "step_id"),
          "stepName", java.util.List.of("processId", "stepId"));

  /** Whether a column's cells are names in the language, its codes then in {@link #codeColumn}. */
  public boolean keepsCode(String path) {
    return locale != null && NAMED_FIELDS.contains(field(path));
  }

  /** The machine name of the code column kept beside a named column ({@code occasion#code}). */
  public static String codeColumn(String path) {
    return path + "#code";
  }

  /**
   * A definition's text in the language: the bundles' {@code csv.definition.<key>} (the definitions
   * of reports other than the analytics' own, e.g. the experiments' lift and the campaigns' test
   * runs) when {@code text} is that key's English text; any other text as it is (a text the caller
   * already wrote in the language, e.g. {@link Definitions}). With machine names the text as it is.
   *
   * @param key the definition's name ({@code converted}, {@code testRun}, …)
   * @param text the report's text, English
   */
  public String definition(String key, String text) {
    if (locale == null || text == null) {
      return text;
    }
    String english = texts.getMessage("csv.definition." + key, null, null, Locale.ROOT);
    if (!text.equals(english)) {
      return text;
    }
    return texts.getMessage("csv.definition." + key, null, text, locale);
  }

  /**
   * A cell as {@link #cell(String, String)} writes it, with its row's other cells (machine names to
   * values): a named field's code by its name ({@link ModelNames}), a recorded step name as the
   * Journey page names the step ({@code process_id}, {@code step_id} of the row), a code column
   * ({@link #codeColumn}) as the code.
   */
  public String cell(String path, String value, java.util.Map<String, String> row) {
    if (locale == null || value == null) {
      return value;
    }
    if (path.endsWith("#code")) {
      return row.getOrDefault(path.substring(0, path.length() - "#code".length()), "");
    }
    String f = field(path);
    if (NAMED_FIELDS.contains(f) && value.isEmpty()) {
      // the journeys outside campaigns: named as by=campaign names them
      return texts.getMessage("csv.none." + f, null, value, locale);
    }
    if (f.equals("occasion")) {
      return names.occasion(value, locale);
    }
    if (f.equals("segment")) {
      return names.segment(value, locale);
    }
    if (STEP_NAME_FIELDS.containsKey(f)) {
      String process = row.get(STEP_NAME_FIELDS.get(f).get(0));
      String step = row.get(STEP_NAME_FIELDS.get(f).get(1));
      if (process != null && step != null) {
        return names.step(process, step, value, locale);
      }
    }
    return cell(path, value);
  }

  private static String field(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

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
    if (BOOLEAN_FIELDS.contains(field) && (value.equals("true") || value.equals("false"))) {
      return texts.getMessage(value.equals("true") ? "csv.yes" : "csv.no", null, value, locale);
    }
    if (field.equals("ruleNote")) {
      return ruleNote(value);
    }
    if (CAMPAIGN_FIELDS.contains(field) && value.isEmpty()) {
      return texts.getMessage("campaigns.none", null, value, locale);
    }
    return value;
  }

  private static final java.util.regex.Pattern FIRST_RULE =
      java.util.regex.Pattern.compile("first rule: window (\\S+)");
  private static final java.util.regex.Pattern WINDOW_CHANGED =
      java.util.regex.Pattern.compile("window changed in settings from (\\S+) to (\\S+)");

  /**
   * An attribution rule's note ({@link AttributionRules}, stored in English) in the language, its
   * windows as hours ("72 小时" / "72 h"): {@code csv.ruleNote.first}, {@code
   * csv.ruleNote.windowChanged}; a note of another shape as it is.
   */
  private String ruleNote(String note) {
    var first = FIRST_RULE.matcher(note);
    if (first.matches()) {
      return texts.getMessage(
          "csv.ruleNote.first", new Object[] {duration(first.group(1))}, note, locale);
    }
    var changed = WINDOW_CHANGED.matcher(note);
    if (changed.matches()) {
      return texts.getMessage(
          "csv.ruleNote.windowChanged",
          new Object[] {duration(changed.group(1)), duration(changed.group(2))},
          note,
          locale);
    }
    return note;
  }

  /** An ISO duration of whole hours in the language ("72 小时", "72 h"); any other as it is. */
  private String duration(String iso) {
    try {
      java.time.Duration d = java.time.Duration.parse(iso);
      if (d.toMinutes() % 60 == 0) {
        return texts.getMessage(
            "csv.hours", new Object[] {d.toHours()}, d.toHours() + " h", locale);
      }
    } catch (java.time.format.DateTimeParseException e) {
      // not an ISO duration: as it is
    }
    return iso;
  }

  /** A column's label in the language, or null when a bundle lacks its field or group. */
  String label(String path, Locale language) {
    int dot = path.lastIndexOf('.');
    String field = dot < 0 ? path : path.substring(dot + 1);
    String name = texts.getMessage("csv.column." + field, null, null, language);
    if (name == null) {
      name = texts.getMessage("figure." + field, null, null, language);
    }
    if (name == null && dot > 0 && CODED_GROUPS.containsKey(path.substring(0, dot))) {
      // a map of codes flattened into columns (skippedByReason.NO_CONSENT): the group · the code's
      // name
      String group = path.substring(0, dot);
      String code = texts.getMessage(CODED_GROUPS.get(group) + field, null, null, language);
      String groupName = texts.getMessage("csv.column." + group, null, null, language);
      return code == null || groupName == null ? null : groupName + " · " + code;
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
