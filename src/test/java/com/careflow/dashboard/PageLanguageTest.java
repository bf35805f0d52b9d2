package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.careflow.analytics.CsvLabels;
import com.careflow.analytics.ParameterRefused;
import com.careflow.customers.CustomerQueries;
import com.careflow.messaging.CustomerMessages;
import com.careflow.security.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Walk-through fault: {@code /?lang=fr} answered a 200 English page while the API refused {@code
 * lang=fr} with 400. Pages and API agree now: an unsupported {@code ?lang=} on a page answers 400,
 * the API's reason ({@code error.lang.unknown}, naming zh-CN and en), in the language the page
 * would have had; zh-CN and en still switch the page.
 */
class PageLanguageTest {

  static MockMvc mvc() {
    var messages = DashboardMvc.messages();
    var order =
        new OrderPageController(
            mock(CustomerQueries.class),
            mock(CustomerMessages.class),
            mock(AuditLog.class),
            new com.careflow.journeys.JourneysProperties(ZoneId.of("Asia/Shanghai")),
            Clock.fixed(Instant.parse("2026-11-20T04:00:00Z"), ZoneOffset.UTC));
    var login = new LoginPage(new StandardEnvironment());
    var dashboard = new DashboardConfiguration();
    return MockMvcBuilders.standaloneSetup(order, login)
        .setControllerAdvice(new PageRefusals(messages))
        .addInterceptors(DashboardConfiguration.languageSwitch())
        .setLocaleResolver(dashboard.localeResolver())
        .setViewResolvers(DashboardMvc.views(messages))
        .build();
  }

  static MockHttpServletResponse get_(String url, String acceptLanguage) throws Exception {
    return mvc()
        .perform(get(url).header("Accept-Language", acceptLanguage))
        .andReturn()
        .getResponse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/orders/o-1?lang=fr", "/login?lang=fr", "/login?lang=de-DE"})
  void anUnsupportedLanguageIsRefusedAsTheApiRefusesIt(String url) throws Exception {
    MockHttpServletResponse en = get_(url, "en");
    assertThat(en.getStatus()).isEqualTo(400);
    assertThat(en.getContentAsString()).contains("lang is zh-CN or en, not");
    MockHttpServletResponse zh = get_(url, "zh-CN");
    assertThat(zh.getStatus()).isEqualTo(400);
    assertThat(zh.getContentAsString()).contains("lang 应为 zh-CN 或 en");
    // the API's refusal of the same value: the same reason
    String lang = url.substring(url.indexOf("lang=") + 5);
    assertThatThrownBy(() -> CsvLabels.locale(lang))
        .isInstanceOfSatisfying(
            ParameterRefused.class, e -> assertThat(e.key()).isEqualTo("error.lang.unknown"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/login?lang=zh-CN", "/orders/o-1?lang=zh-CN"})
  void aSupportedLanguageSwitchesThePage(String url) throws Exception {
    MockHttpServletResponse zh = get_(url, "en");
    assertThat(zh.getStatus()).isIn(200, 404);
    assertThat(zh.getContentAsString()).contains("lang=\"zh-CN\"");
    assertThat(zh.getCookie("careflow-lang")).isNotNull();
    assertThat(get_(url.replace("zh-CN", "en"), "zh-CN").getContentAsString())
        .contains("lang=\"en\"");
  }
}
