package com.careflow.dashboard;

import com.careflow.analytics.ParameterRefused;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A dashboard request's parameter the page cannot show (a 400): the parameter, its reason as a key
 * of the message bundles ({@code error.*}) with its arguments, so the error page says it in the
 * page's language (#16/#17: the zh-CN error page had a Chinese title over an English reason). The
 * analytics API refuses the same parameters with the same reasons ({@link ParameterRefused}, whose
 * English text {@link #getMessage()} is, for the log and for callers outside a page).
 */
final class BadParameter extends ParameterRefused {

  /**
   * @param parameter the request parameter refused, e.g. {@code preset}
   * @param key the bundles' key of the reason, e.g. {@code error.preset.unknown}
   * @param args its arguments, in the key's order
   */
  BadParameter(String parameter, String key, Object... args) {
    super(parameter, key, args);
  }

  /**
   * The reason of a refused request in this language: a refused parameter's own text (the page's
   * {@link BadParameter} or the analytics' {@link ParameterRefused}), a value of the wrong type (a
   * date that is no date, a version that is no number) named with its parameter, any other refusal
   * (a module's {@link IllegalArgumentException}, whose text is English) framed in the language.
   */
  static String text(Exception e, MessageSource messages, Locale locale) {
    if (e instanceof ParameterRefused refused) {
      return refused.text(messages, locale);
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
}
