package com.careflow.analytics;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;

/**
 * A request's parameter the analytics API and the dashboard's pages refuse alike (a 400): which
 * parameter, and the reason as a key of the message bundles ({@code error.*}) with its arguments,
 * so the API answers it in English ({@link #getMessage()}, naming the parameter and the values it
 * accepts) and a page in its own language ({@link #text}). An argument may itself be a {@link
 * MessageSourceResolvable} (a phrase of the bundles, e.g. "none"), written in the same language.
 */
public class ParameterRefused extends IllegalArgumentException {

  private final String parameter;
  private final String key;
  private final transient Object[] args;

  /**
   * @param parameter the request parameter refused, e.g. {@code processVersion}
   * @param key the bundles' key of the reason, e.g. {@code error.version.notDeployed}
   * @param args its arguments, in the key's order
   */
  public ParameterRefused(String parameter, String key, Object... args) {
    super(english(key, args));
    this.parameter = parameter;
    this.key = key;
    this.args = args.clone();
  }

  /** The request parameter refused. */
  public String parameter() {
    return parameter;
  }

  /** The bundles' key of the reason. */
  public String key() {
    return key;
  }

  /** The reason in the language (the key itself when no bundle has it). */
  public String text(MessageSource messages, Locale locale) {
    return messages.getMessage(key, args, key, locale);
  }

  private static String english(String key, Object[] args) {
    try {
      ResourceBundle bundle =
          ResourceBundle.getBundle(
              "messages",
              Locale.ROOT,
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
      Object[] english =
          Arrays.stream(args)
              .map(
                  a ->
                      a instanceof MessageSourceResolvable r && r.getCodes() != null
                          ? englishPhrase(bundle, r)
                          : a)
              .toArray();
      return new MessageFormat(bundle.getString(key), Locale.ENGLISH).format(english);
    } catch (MissingResourceException e) {
      return key + " " + Arrays.toString(args);
    }
  }

  private static String englishPhrase(ResourceBundle bundle, MessageSourceResolvable phrase) {
    for (String code : phrase.getCodes()) {
      if (bundle.containsKey(code)) {
        return bundle.getString(code);
      }
    }
    return phrase.getDefaultMessage();
  }
}
