package com.careflow.dashboard;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The dashboard's pages as the app renders them, for template tests without Spring's context: the
 * real templates ({@code classpath:templates/}) and message bundles ({@code messages*.properties},
 * UTF-8, no fallback to the system locale).
 */
final class DashboardMvc {

  /** The app's message bundles. */
  static ResourceBundleMessageSource messages() {
    var messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  /** A MockMvc of the controller rendering its views with the real templates and these bundles. */
  static MockMvc of(Object controller, ResourceBundleMessageSource messages) {
    return MockMvcBuilders.standaloneSetup(controller).setViewResolvers(views(messages)).build();
  }

  /** The real templates rendered with these bundles. */
  static ThymeleafViewResolver views(ResourceBundleMessageSource messages) {
    var templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setCharacterEncoding("UTF-8");
    var engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    engine.setTemplateEngineMessageSource(messages);
    var views = new ThymeleafViewResolver();
    views.setTemplateEngine(engine);
    views.setCharacterEncoding("UTF-8");
    return views;
  }

  /**
   * The dashboard's controller over these reports, the journeys' real diagrams, no sale windows
   * (the last-7-days preset only) and the shop in Asia/Shanghai.
   */
  static DashboardController controller(
      com.careflow.analytics.AnalyticsReports reports,
      ResourceBundleMessageSource messages,
      java.time.Clock clock,
      com.careflow.experiments.ExperimentReports experiments,
      com.careflow.messaging.CustomerMessages customerMessages,
      com.careflow.campaigns.CampaignTestRuns testRuns) {
    return new DashboardController(
        reports,
        new JourneyDiagrams(),
        today -> java.util.Optional.of(java.util.Map.of()),
        messages,
        new com.fasterxml.jackson.databind.ObjectMapper(),
        new com.careflow.journeys.JourneysProperties(java.time.ZoneId.of("Asia/Shanghai")),
        clock,
        experiments,
        customerMessages,
        testRuns);
  }

  /** The page at this URL in this locale (status 200), its whitespace runs folded to one space. */
  static String page(MockMvc mvc, String url, java.util.Locale locale) throws Exception {
    return mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url)
                .locale(locale))
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString()
        .replaceAll("\\s+", " ");
  }

  private DashboardMvc() {}
}
