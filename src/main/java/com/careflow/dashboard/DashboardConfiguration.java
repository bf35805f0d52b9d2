package com.careflow.dashboard;

import com.careflow.analytics.CsvLabels;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The dashboard's language: the browser's (Accept-Language, zh-CN or English), switched with {@code
 * ?lang=zh-CN} or {@code ?lang=en} and remembered in a cookie; another {@code ?lang=} is refused
 * with 400, as the API refuses it ({@link #languageSwitch}).
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

  static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

  @Bean
  JourneyDiagrams journeyDiagrams(
      org.springframework.beans.factory.ObjectProvider<com.careflow.platform.DeployedProcesses>
          deployed) {
    return new JourneyDiagrams(deployed.getIfAvailable());
  }

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver =
        new CookieLocaleResolver("careflow-lang") {
          @Override
          public void setLocale(
              HttpServletRequest request,
              jakarta.servlet.http.HttpServletResponse response,
              Locale locale) {
            // only the languages the pages are written in
            super.setLocale(
                request, response, locale == null ? null : supported(locale.toLanguageTag()));
          }
        };
    resolver.setDefaultLocaleFunction(DashboardConfiguration::browserLocale);
    return resolver;
  }

  /** The supported locale the browser prefers most; English when it names neither. */
  static Locale browserLocale(HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    return supported(header);
  }

  static Locale supported(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
        String tag = range.getRange().toLowerCase(Locale.ROOT);
        if (tag.startsWith("zh")) {
          return Locale.SIMPLIFIED_CHINESE;
        }
        if (tag.startsWith("en")) {
          return Locale.ENGLISH;
        }
      }
    } catch (IllegalArgumentException e) {
      // a malformed header: the default
    }
    return Locale.ENGLISH;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // the API reads and refuses its own lang (the CSVs' CsvLabels, the same reason)
    registry.addInterceptor(languageSwitch()).excludePathPatterns("/api/**");
  }

  /**
   * The pages' {@code ?lang=}: {@code zh…} or {@code en…} switches the language (and the cookie
   * remembers it); another language is refused as the API refuses it, 400 {@code
   * error.lang.unknown} naming the two ({@link CsvLabels#locale}), shown on the error page in the
   * language the page would have had. Before, a page answered {@code ?lang=fr} with 200 in English
   * while the API answered 400.
   *
   * @throws BadParameter for another language (naming {@code lang})
   */
  static LocaleChangeInterceptor languageSwitch() {
    LocaleChangeInterceptor change =
        new LocaleChangeInterceptor() {
          @Override
          public boolean preHandle(
              HttpServletRequest request,
              jakarta.servlet.http.HttpServletResponse response,
              Object handler)
              throws jakarta.servlet.ServletException {
            String lang = request.getParameter(getParamName());
            if (lang != null && !lang.isBlank()) {
              try {
                CsvLabels.locale(lang);
              } catch (IllegalArgumentException e) {
                throw new BadParameter("lang", "error.lang.unknown", lang);
              }
            }
            return super.preHandle(request, response, handler);
          }
        };
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    return change;
  }
}
