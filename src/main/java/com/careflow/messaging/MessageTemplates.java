package com.careflow.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Message texts, one file per template key and locale: {@code templates/<key>.<locale>.txt} with
 * {@code {placeholder}} fields. A buyer's locale picks the file, falling back to the shop default.
 */
@Component
public class MessageTemplates {

  static final String DEFAULT_LOCALE = "zh-CN";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private final ResourceLoader loader;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  public MessageTemplates(ResourceLoader loader) {
    this.loader = loader;
  }

  /**
   * Renders a template.
   *
   * @throws TemplateException when no file exists for the key, or a placeholder has no value
   */
  public String render(String templateKey, String locale, Map<String, ?> variables) {
    String file = fileFor(templateKey, locale);
    String text = cache.computeIfAbsent(file, this::load);
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = variables.get(m.group(1));
      if (value == null) {
        throw new TemplateException(
            "Template " + file + " needs variable '" + m.group(1) + "', which the journey did not provide");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String fileFor(String templateKey, String locale) {
    for (String candidate : new String[] {locale, DEFAULT_LOCALE}) {
      if (candidate != null) {
        String file = "templates/" + templateKey + "." + candidate + ".txt";
        if (loader.getResource("classpath:" + file).exists()) {
          return file;
        }
      }
    }
    throw new TemplateException(
        "No template '" + templateKey + "' for locale " + locale + " (looked for templates/"
            + templateKey + "." + locale + ".txt and ." + DEFAULT_LOCALE + ".txt)");
  }

  private String load(String file) {
    Resource resource = loader.getResource("classpath:" + file);
    try (var in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** A template is missing or incomplete: never send a garbled message. */
  public static class TemplateException extends RuntimeException {
    public TemplateException(String message) {
      super(message);
    }
  }
}
