package com.careflow.messaging;

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
   * Rules R12, R14 and R21 by the key's naming convention.
   *
   * @param where how the problem names the text, e.g. {@code templates/review-invite.en.txt} or
   *     {@code text review-invite (en)}
   * @return one sentence per violation, naming the text, the phrase and the rule
   */
  static List<String> compliance(String where, String key, String text, MessagingProperties props) {
    List<String> found = new ArrayList<>();
    if (key.startsWith("review-")) { // rule R12: never a reward for a good review
      for (String phrase : props.reviewForbiddenPhrases()) {
        if (contains(text, phrase)) {
          found.add(
              where
                  + ": review-related template contains the forbidden phrase '"
                  + phrase
                  + "' (rule R12)");
        }
      }
    }
    if (key.endsWith("-thanks") || key.endsWith("-apology")) { // rules R14, R21: no promotion
      for (String phrase : props.noPromotionPhrases()) {
        if (contains(text, phrase)) {
          found.add(
              where
                  + ": thank-you/apology template promotes ('"
                  + phrase
                  + "'), which rules R14/R21 forbid");
        }
      }
    }
    return found;
  }

  /** An empty text, or a brace that is not part of a {@code {placeholder}}. */
  static List<String> form(String where, String text) {
    List<String> found = new ArrayList<>();
    if (text == null || text.isBlank()) {
      found.add(where + ": the text is empty");
      return found;
    }
    String rest = PLACEHOLDER.matcher(text).replaceAll("");
    int brace = Math.max(rest.indexOf('{'), rest.indexOf('}'));
    if (brace >= 0) {
      found.add(
          where
              + ": a brace that is not a placeholder (placeholders are written {orderId}: a"
              + " letter first, then letters, digits or _, no spaces): '"
              + excerpt(text)
              + "'");
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
  static List<String> unfilled(
      String where, String key, String text, List<JourneyPlaceholders.Step> steps) {
    List<String> found = new ArrayList<>();
    Set<String> used = placeholders(text);
    for (JourneyPlaceholders.Step step : steps) {
      List<String> missing = used.stream().filter(p -> !step.provides().contains(p)).toList();
      if (!missing.isEmpty()) {
        found.add(
            where
                + ": placeholder "
                + String.join(", ", missing.stream().map(p -> "{" + p + "}").toList())
                + " is never filled by the journey: step '"
                + step.elementName()
                + "' ("
                + step.processId()
                + ", "
                + step.elementId()
                + ") sends '"
                + key
                + "' with "
                + (step.provides().isEmpty()
                    ? "no values"
                    : String.join(", ", step.provides().stream().map(p -> "{" + p + "}").toList()))
                + " only");
      }
    }
    return found;
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
