package com.careflow.messaging;

import com.careflow.messaging.MessageTexts.Finding;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks every message text passes, in one place: at start-up for the template files ({@link
 * MessageTemplates}), when operations publish a text ({@link MessageTexts#publish}) and, for the
 * compliance rules, once more right before a send.
 *
 * <ul>
 *   <li>compliance by the key's naming convention: a review-related text ({@code review-*}) never
 *       contains a forbidden phrase (rule R12); a thank-you ({@code *-thanks}) or apology ({@code
 *       *-apology}) text never promotes (rules R14, R21);
 *   <li>form: not empty, and every brace belongs to a {@code {placeholder}};
 *   <li>placeholders: each one is filled by every journey step that sends the text ({@link
 *       JourneyPlaceholders});
 *   <li>length: SMS segments of the longest rendering (every placeholder {@code
 *       careflow.messaging.template-value-length} characters long) and the cost of one send.
 * </ul>
 */
final class MessageTextChecks {

  /** A {@code {placeholder}}: a letter, then letters, digits or underscores. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private MessageTextChecks() {}

  /**
   * Why a check refuses a publication or warns: each one sentence in the dashboard's bundles under
   * {@link #key()} ({@code messages.properties}, {@code messages_zh_CN.properties}), whose English
   * is also the sentence of the API and the logs. Arguments are names (phrases, placeholders,
   * template keys, steps) and figures, never words of a language.
   */
  enum Reason {
    /** Rule R12: a forbidden phrase in a review-related text. {0} the phrase. */
    FORBIDDEN_PHRASE,
    /** Rules R14, R21: a thank-you or apology text promotes. {0} the phrase. */
    PROMOTION,
    /** An empty text. */
    EMPTY,
    /** A brace that is not part of a placeholder. {0} the text's start. */
    STRAY_BRACE,
    /**
     * A placeholder a step sending the key does not fill. {0} the placeholders, {1} the step's
     * name, {2} its process, {3} its element id, {4} the template key, {5} what the step fills.
     */
    UNFILLED,
    /** As {@link #UNFILLED}, the step filling nothing (no {5}). */
    UNFILLED_NO_VALUES,
    /** A warning: no journey step sends the key. {0} the template key. */
    NOT_SENT,
    /**
     * A warning: more SMS segments than the limit. {0} segments, {1} encoding, {2} units, {3}
     * characters per placeholder, {4} the limit, {5} the cost per send by destination.
     */
    SEGMENTS,
    /** As {@link #SEGMENTS}, refusing a publication whose cost the operator has not accepted. */
    SEGMENTS_NOT_ACCEPTED;

    /** The bundle key, {@code texts.check.<NAME>}. */
    String key() {
      return "texts.check." + name();
    }

    /** The finding: the English sentence prefixed with {@code where}, the key and arguments. */
    Finding finding(String where, Object... args) {
      List<String> arguments = java.util.Arrays.stream(args).map(String::valueOf).toList();
      String sentence =
          new java.text.MessageFormat(ENGLISH.getString(key()), Locale.ROOT)
              .format(arguments.toArray());
      return new Finding(key(), arguments, where + ": " + sentence);
    }
  }

  /** The English sentences: the dashboard's base bundle, the same the English pages show. */
  private static final java.util.ResourceBundle ENGLISH =
      java.util.ResourceBundle.getBundle(
          "messages",
          Locale.ROOT,
          java.util.ResourceBundle.Control.getNoFallbackControl(
              java.util.ResourceBundle.Control.FORMAT_PROPERTIES));

  /**
   * Rules R12, R14 and R21 by the key's naming convention.
   *
   * @param where how the problem names the text, e.g. {@code templates/review-invite.en.txt} or
   *     {@code text review-invite (en)}
   * @return one finding per violation, its sentence naming the text, the phrase and the rule
   */
  static List<Finding> compliance(
      String where, String key, String text, MessagingProperties props) {
    List<Finding> found = new ArrayList<>();
    if (key.startsWith("review-")) { // rule R12: never a reward for a good review
      for (String phrase : props.reviewForbiddenPhrases()) {
        if (contains(text, phrase)) {
          found.add(Reason.FORBIDDEN_PHRASE.finding(where, phrase));
        }
      }
    }
    if (key.endsWith("-thanks") || key.endsWith("-apology")) { // rules R14, R21: no promotion
      for (String phrase : props.noPromotionPhrases()) {
        if (contains(text, phrase)) {
          found.add(Reason.PROMOTION.finding(where, phrase));
        }
      }
    }
    return found;
  }

  /** An empty text, or a brace that is not part of a {@code {placeholder}}. */
  static List<Finding> form(String where, String text) {
    List<Finding> found = new ArrayList<>();
    if (text == null || text.isBlank()) {
      found.add(Reason.EMPTY.finding(where));
      return found;
    }
    String rest = PLACEHOLDER.matcher(text).replaceAll("");
    int brace = Math.max(rest.indexOf('{'), rest.indexOf('}'));
    if (brace >= 0) {
      found.add(Reason.STRAY_BRACE.finding(where, excerpt(text)));
    }
    return found;
  }

  /** The placeholder names of a text, in order of first use. */
  static Set<String> placeholders(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Placeholders no journey step fills: for each step that sends the key, the names the text uses
   * and the step does not provide.
   */
  static List<Finding> unfilled(
      String where, String key, String text, List<JourneyPlaceholders.Step> steps) {
    List<Finding> found = new ArrayList<>();
    Set<String> used = placeholders(text);
    for (JourneyPlaceholders.Step step : steps) {
      List<String> missing = used.stream().filter(p -> !step.provides().contains(p)).toList();
      if (!missing.isEmpty()) {
        String names = braced(missing);
        found.add(
            step.provides().isEmpty()
                ? Reason.UNFILLED_NO_VALUES.finding(
                    where, names, step.elementName(), step.processId(), step.elementId(), key)
                : Reason.UNFILLED.finding(
                    where,
                    names,
                    step.elementName(),
                    step.processId(),
                    step.elementId(),
                    key,
                    braced(step.provides())));
      }
    }
    return found;
  }

  /** A key no journey step sends: its placeholders cannot be checked (a warning). */
  static Finding notSent(String where, String key) {
    return Reason.NOT_SENT.finding(where, key);
  }

  /**
   * More SMS segments than {@code careflow.messaging.max-segments-warning}: a warning, or — when
   * the operator has not accepted the cost — a refusal of the publication.
   */
  static Finding segments(
      String where, SmsSegments.Count count, MessagingProperties props, boolean accepted) {
    List<String> parts = new ArrayList<>();
    costPerSend(count.segments(), props)
        .forEach(
            (dest, cost) ->
                parts.add(cost.toPlainString() + " " + props.costCurrency() + " (" + dest + ")"));
    return (accepted ? Reason.SEGMENTS : Reason.SEGMENTS_NOT_ACCEPTED)
        .finding(
            where,
            count.segments(),
            count.encoding(),
            count.units(),
            props.templateValueLength(),
            props.maxSegmentsWarning(),
            String.join(", ", parts));
  }

  private static String braced(java.util.Collection<String> names) {
    return String.join(", ", names.stream().map(p -> "{" + p + "}").toList());
  }

  /** The longest rendering: every placeholder filled with {@code valueLength} characters. */
  static SmsSegments.Count longest(String text, int valueLength) {
    String filler = "0".repeat(Math.max(0, valueLength));
    return SmsSegments.count(
        PLACEHOLDER.matcher(text).replaceAll(Matcher.quoteReplacement(filler)));
  }

  /**
   * What one send of {@code segments} costs, by destination: {@code default} (every country not
   * listed) and each calling code of {@code careflow.messaging.cost-per-segment-by-calling-code}.
   */
  static Map<String, BigDecimal> costPerSend(int segments, MessagingProperties props) {
    Map<String, BigDecimal> costs = new TreeMap<>();
    costs.put("default", scaled(props.costPerSegment().multiply(BigDecimal.valueOf(segments))));
    props
        .costPerSegmentByCallingCode()
        .forEach(
            (code, price) ->
                costs.put(
                    "+" + code.replaceAll("\\D", ""),
                    scaled(price.multiply(BigDecimal.valueOf(segments)))));
    return costs;
  }

  private static BigDecimal scaled(BigDecimal value) {
    return value.setScale(Math.max(4, value.scale()), RoundingMode.HALF_UP).stripTrailingZeros();
  }

  private static String excerpt(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
  }

  /** Case-insensitive; Latin words match whole words only ("sale" is not in "wholesale"). */
  static boolean contains(String text, String phrase) {
    String p = phrase.strip();
    if (p.isEmpty()) {
      return false;
    }
    if (p.chars().allMatch(c -> c < 128)) {
      return Pattern.compile(
              "(?<![A-Za-z])" + Pattern.quote(p) + "(?![A-Za-z])", Pattern.CASE_INSENSITIVE)
          .matcher(text)
          .find();
    }
    return text.toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT));
  }
}
