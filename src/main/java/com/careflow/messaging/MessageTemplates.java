package com.careflow.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Message texts, one file per template key and locale: {@code templates/<key>.<locale>.txt} with
 * {@code {placeholder}} fields. A buyer's locale picks the file by the standard lookup ({@code
 * en-US} → {@code en}, {@code zh-Hans-CN} → {@code zh-CN}), falling back to the shop default.
 *
 * <p>All templates are read and checked at start-up (rules R12, R14, R21): a review-related
 * template ({@code review-*}) must not contain a forbidden phrase, a thank-you ({@code *-thanks})
 * or apology ({@code *-apology}) template must not promote. A violating template stops the start
 * with an error naming the file and the phrase, so it can never be sent. Operations add or change
 * templates as files (also outside the jar, see {@code careflow.messaging.template-locations}).
 */
@Component
class MessageTemplates {

  private static final Logger log = LoggerFactory.getLogger(MessageTemplates.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
  private static final Pattern FILE_NAME =
      Pattern.compile("([a-z0-9][a-z0-9-]*)\\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\\.txt");

  private final String defaultLocale;

  /** file name ({@code templates/<key>.<locale>.txt}) to text. */
  private final Map<String, String> texts;

  @Autowired
  public MessageTemplates(MessagingProperties props) {
    this(props, new PathMatchingResourcePatternResolver());
  }

  MessageTemplates(MessagingProperties props, ResourcePatternResolver resolver) {
    this.defaultLocale = props.defaultLocale();
    this.texts = load(props.templateLocations(), resolver);
    List<String> violations = new ArrayList<>();
    texts.forEach((file, text) -> violations.addAll(violations(file, text, props)));
    if (!violations.isEmpty()) {
      throw new TemplateException(
          "Refusing to start: "
              + violations.size()
              + " message template(s) break the rules:\n  "
              + String.join("\n  ", violations));
    }
    log.info("Loaded {} message templates: {}", texts.size(), new TreeSet<>(texts.keySet()));
    this.valueLength = props.templateValueLength();
    longestSegments()
        .forEach(
            (file, count) -> {
              if (count.segments() > props.maxSegmentsWarning()) {
                log.warn(
                    "Template {} takes up to {} SMS segments ({}, {} units with {}-character"
                        + " values), more than careflow.messaging.max-segments-warning={}: each"
                        + " segment is billed",
                    file,
                    count.segments(),
                    count.encoding(),
                    count.units(),
                    valueLength,
                    props.maxSegmentsWarning());
              }
            });
  }

  private int valueLength;

  /**
   * Each template's longest rendering in SMS segments: every placeholder filled with {@code
   * careflow.messaging.template-value-length} characters (in the template's own encoding).
   */
  Map<String, SmsSegments.Count> longestSegments() {
    Map<String, SmsSegments.Count> counts = new java.util.TreeMap<>();
    texts.forEach(
        (file, text) -> {
          String filler = "0".repeat(Math.max(0, valueLength));
          counts.put(
              file,
              SmsSegments.count(
                  PLACEHOLDER.matcher(text).replaceAll(Matcher.quoteReplacement(filler))));
        });
    return counts;
  }

  /** Template keys and locales that exist, e.g. {@code payment-reminder-new.en}. */
  public Set<String> available() {
    Set<String> names = new TreeSet<>();
    texts
        .keySet()
        .forEach(f -> names.add(f.substring("templates/".length(), f.length() - ".txt".length())));
    return names;
  }

  /**
   * Renders a template.
   *
   * @throws TemplateException when no file exists for the key, or a placeholder has no value
   */
  public String render(String templateKey, String locale, Map<String, ?> variables) {
    String file = fileFor(templateKey, locale);
    Matcher m = PLACEHOLDER.matcher(texts.get(file));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = variables.get(m.group(1));
      if (value == null) {
        throw new TemplateException(
            "Template "
                + file
                + " needs variable '"
                + m.group(1)
                + "', which the journey did not provide");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String fileFor(String templateKey, String locale) {
    List<String> tried = candidates(locale);
    for (String tag : tried) {
      if (texts.containsKey(fileName(templateKey, tag))) {
        return fileName(templateKey, tag);
      }
    }
    throw new TemplateException(
        "No template '"
            + templateKey
            + "' for locale "
            + locale
            + " (looked for "
            + tried.stream().map(t -> fileName(templateKey, t)).toList()
            + ")");
  }

  /**
   * The language tags to look for, most specific first: the buyer's locale's candidate list as
   * {@link ResourceBundle.Control#getCandidateLocales} builds it ({@code en-US} → {@code en};
   * {@code zh-Hans-CN} → {@code zh-Hans} → {@code zh-CN} → {@code zh}), then the shop default's.
   * Accepts BCP 47 tags and Java's {@code en_US} form, in any case; an unreadable locale counts as
   * none.
   */
  List<String> candidates(String locale) {
    Set<String> tags = new LinkedHashSet<>();
    for (String l : new String[] {locale, defaultLocale}) {
      Locale parsed = parse(l);
      if (parsed == null) {
        continue;
      }
      for (Locale candidate : CANDIDATES.getCandidateLocales("", parsed)) {
        if (!candidate.equals(Locale.ROOT)) {
          tags.add(candidate.toLanguageTag());
        }
      }
    }
    return List.copyOf(tags);
  }

  private static final ResourceBundle.Control CANDIDATES =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);

  /** A BCP 47 tag or Java's {@code en_US} form; null when it names no language. */
  static Locale parse(String locale) {
    if (locale == null || locale.isBlank()) {
      return null;
    }
    Locale parsed = Locale.forLanguageTag(locale.strip().replace('_', '-'));
    return parsed.getLanguage().isEmpty() ? null : parsed;
  }

  /** A template file's locale in the one spelling lookups use ({@code zh-cn} → {@code zh-CN}). */
  private static String normalized(String locale) {
    Locale parsed = parse(locale);
    return parsed == null ? locale : parsed.toLanguageTag();
  }

  private static String fileName(String key, String locale) {
    return "templates/" + key + "." + locale + ".txt";
  }

  private static Map<String, String> load(
      List<String> locations, ResourcePatternResolver resolver) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String location : locations) {
      String pattern = (location.endsWith("/") ? location : location + "/") + "*.txt";
      try {
        for (Resource resource : resolver.getResources(pattern)) {
          String name = resource.getFilename();
          if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new TemplateException(
                "Template file "
                    + resource.getDescription()
                    + " is not named <template-key>.<locale>.txt (e.g. shipment-notice.zh-CN.txt)");
          }
          try (var in = resource.getInputStream()) {
            Matcher parts = FILE_NAME.matcher(name);
            parts.matches();
            texts.put(
                fileName(parts.group(1), normalized(parts.group(2))),
                new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read templates from " + pattern, e);
      }
    }
    return texts;
  }

  /** The compliance check by naming convention (rules R12, R14, R21). */
  static List<String> violations(String file, String text, MessagingProperties props) {
    Matcher name = FILE_NAME.matcher(file.substring(file.lastIndexOf('/') + 1));
    if (!name.matches()) {
      return List.of();
    }
    String key = name.group(1);
    List<String> found = new ArrayList<>();
    if (key.startsWith("review-")) { // rule R12: never a reward for a good review
      for (String phrase : props.reviewForbiddenPhrases()) {
        if (contains(text, phrase)) {
          found.add(
              file
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
              file
                  + ": thank-you/apology template promotes ('"
                  + phrase
                  + "'), which rules R14/R21 forbid");
        }
      }
    }
    return found;
  }

  /** Case-insensitive; Latin words match whole words only ("sale" is not in "wholesale"). */
  private static boolean contains(String text, String phrase) {
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

  /** A template is missing, incomplete or non-compliant: never send a garbled message. */
  public static class TemplateException extends RuntimeException {
    public TemplateException(String message) {
      super(message);
    }
  }
}
