package com.careflow.dashboard;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.context.MessageSource;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A dashboard request's parameter the page cannot show (a 400): its reason as a key of the message
 * bundles ({@code error.*}) with its arguments, so the error page says it in the page's language
 * (#16/#17: the zh-CN error page had a Chinese title over an English reason). {@link #getMessage()}
 * is the English text, for the log and for callers outside a page.
 */
final class BadParameter extends IllegalArgumentException {

  private final String key;
  private final transient Object[] args;

  /**
   * @param key the bundles' key of the reason, e.g. {@code error.preset.unknown}
   * @param args its arguments, in the key's order
   */
  BadParameter(String key, Object... args) {
    super(english(key, args));
    this.key = key;
    this.args = args.clone();
  }

  String key() {
    return key;
  }

  /**
   * The reason of a refused request in this language: a {@link BadParameter}'s own text, a value of
   * the wrong type (a date that is no date, a version that is no number) named with its parameter,
   * any other refusal (a module's {@link IllegalArgumentException}, whose text is English) framed
   * in the language.
   */
  static String text(Exception e, MessageSource messages, Locale locale) {
    if (e instanceof BadParameter bad) {
      return messages.getMessage(bad.key, bad.args, bad.key, locale);
    }
    if (e instanceof MethodArgumentTypeMismatchException mismatch) {
      String value = String.valueOf(mismatch.getValue());
      String key =
          mismatch.getRequiredType() == java.time.LocalDate.class
              ? "error.parameter.date"
              : mismatch.getRequiredType() == Integer.class
                      || mismatch.getRequiredType() == int.class
                  ? "error.parameter.number"
                  : "error.parameter.value";
      return messages.getMessage(key, new Object[] {mismatch.getName(), value}, key, locale);
    }
    return messages.getMessage(
        "error.refused", new Object[] {e.getMessage()}, "error.refused", locale);
  }

  private static String english(String key, Object[] args) {
    try {
      String pattern =
          ResourceBundle.getBundle(
                  "messages",
                  Locale.ROOT,
                  ResourceBundle.Control.getNoFallbackControl(
                      ResourceBundle.Control.FORMAT_PROPERTIES))
              .getString(key);
      return new MessageFormat(pattern, Locale.ENGLISH).format(args);
    } catch (MissingResourceException e) {
      return key + " " + java.util.Arrays.toString(args);
    }
  }
}
