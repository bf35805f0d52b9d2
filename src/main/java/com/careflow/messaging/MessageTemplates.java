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
 * The template files, one per template key and locale: {@code templates/<key>.<locale>.txt} with
 * {@code {placeholder}} fields. They seed the texts operations edit in the database ({@link
 * MessageTexts}, which sends use); a file changes nothing once its text is in the database. A
 * buyer's locale picks the file by the standard lookup ({@code en-US} → {@code en}, {@code
 * zh-Hans-CN} → {@code zh-CN}), falling back to the shop default.
 *
 * <p>All templates are read and checked at start-up (rules R12, R14, R21): a review-related
 * template ({@code review-*}) must not contain a forbidden phrase, a thank-you ({@code *-thanks})
 * or apology ({@code *-apology}) template must not promote. A violating template stops the start
 * with an error naming the file and the phrase, so it can never be seeded. The checks are {@link
 * MessageTextChecks}, the same that publishing a text runs.
 */
@Component
class MessageTemplates {

  private static final Logger log = LoggerFactory.getLogger(MessageTemplates.class);
  private static final Pattern PLACEHOLDER = MessageTextChecks.PLACEHOLDER;
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
    texts.forEach((file, text) -> counts.put(file, MessageTextChecks.longest(text, valueLength)));
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

  /** The compliance check by naming convention (rules R12, R14, R21): {@link MessageTextChecks}. */
  static List<String> violations(String file, String text, MessagingProperties props) {
    Matcher name = FILE_NAME.matcher(file.substring(file.lastIndexOf('/') + 1));
    if (!name.matches()) {
      return List.of();
    }
    return MessageTextChecks.compliance(file, name.group(1), text, props).stream()
        .map(MessageTexts.Finding::text)
        .toList();
  }

  /**
   * One template file as read: the seed of a text in the database ({@link MessageTexts}).
   *
   * @param key the template key, e.g. {@code payment-reminder-new}
   * @param locale the locale in its lookup spelling, e.g. {@code zh-CN}
   * @param file where it came from, e.g. {@code templates/payment-reminder-new.zh-CN.txt}
   * @param text its text, stripped
   */
  public record FileText(String key, String locale, String file, String text) {}

  /** Every template file read at start-up (later locations already override earlier ones). */
  public List<FileText> files() {
    List<FileText> files = new ArrayList<>();
    texts.forEach(
        (file, text) -> {
          Matcher name = FILE_NAME.matcher(file.substring(file.lastIndexOf('/') + 1));
          if (name.matches()) {
            files.add(new FileText(name.group(1), name.group(2), file, text));
          }
        });
    return files;
  }

  /** A template is missing, incomplete or non-compliant: never send a garbled message. */
  public static class TemplateException extends RuntimeException {
    private final String textLocale;
    private final Integer textVersion;

    public TemplateException(String message) {
      this(message, null, null);
    }

    /**
     * @param textLocale the locale of the text found, null when none was
     * @param textVersion its version, null when none was found
     */
    public TemplateException(String message, String textLocale, Integer textVersion) {
      super(message);
      this.textLocale = textLocale;
      this.textVersion = textVersion;
    }

    public String textLocale() {
      return textLocale;
    }

    public Integer textVersion() {
      return textVersion;
    }
  }
}
