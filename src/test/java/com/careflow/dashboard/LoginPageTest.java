package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.platform.ProductionStartupChecks;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.web.servlet.MockMvc;

/**
 * #17: Careflow's own login page, rendered with the real template and bundles: the dashboard's look
 * in the reader's language, Spring Security's form (POST /login, username, password), the message
 * of a wrong login and of a sign-out, and the demo login named only on the embedded default.
 */
class LoginPageTest {

  static final Map<String, Object> DEMO_ADMIN =
      Map.of(
          "careflow.security.users[0].username", "demo",
          "careflow.security.users[0].password", "{noop}demo",
          "careflow.security.users[0].roles[0]", "ADMIN");

  static MockMvc mvc(boolean embeddedStack, Map<String, Object> users) {
    var environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("users", users));
    if (embeddedStack) {
      environment
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  ProductionStartupChecks.EMBEDDED_STACK_PROPERTY_SOURCE, Map.of()));
    }
    return DashboardMvc.of(new LoginPage(environment), DashboardMvc.messages());
  }

  @Test
  @DisplayName(
      "English and Chinese: the dashboard's look, the form of Spring Security's form login")
  void bothLanguages() throws Exception {
    MockMvc mvc = mvc(false, Map.of());
    String en = DashboardMvc.page(mvc, "/login", Locale.ENGLISH);
    assertThat(en)
        .contains("<html lang=\"en\">", "<title>Sign in · Careflow</title>")
        .contains("href=\"/dashboard/dashboard.css\"", "class=\"topbar\"")
        .contains("<form id=\"login-form\" method=\"post\" action=\"/login\">")
        .contains("name=\"username\"", "name=\"password\"", ">User name<", ">Password<")
        .contains("id=\"lang-switch\" class=\"lang\" href=\"/login?lang=zh-CN\">中文</a>")
        .doesNotContain("login-error", "login-logout", "login-demo");

    String zh = DashboardMvc.page(mvc, "/login", Locale.SIMPLIFIED_CHINESE);
    assertThat(zh)
        .contains("<html lang=\"zh-CN\">", "<title>登录 · Careflow</title>")
        .contains(">用户名<", ">密码<", "href=\"/login?lang=en\">English</a>")
        .doesNotContain(">User name<");
  }

  @Test
  @DisplayName("The dashboard's language switch (?lang=) turns the page to Chinese, remembered")
  void languageSwitch() throws Exception {
    var dashboard = new DashboardConfiguration();
    var change = new org.springframework.web.servlet.i18n.LocaleChangeInterceptor();
    change.setParamName("lang");
    MockMvc mvc =
        org.springframework.test.web.servlet.setup.MockMvcBuilders.standaloneSetup(
                new LoginPage(new StandardEnvironment()))
            .setViewResolvers(DashboardMvc.views(DashboardMvc.messages()))
            .setLocaleResolver(dashboard.localeResolver())
            .addInterceptors(change)
            .build();
    var zh =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/login?lang=zh-CN")
                    .header("Accept-Language", "en-US"))
            .andReturn()
            .getResponse();
    assertThat(zh.getContentAsString()).contains("<h1>登录</h1>");
    assertThat(zh.getCookie("careflow-lang")).isNotNull();
  }

  @Test
  @DisplayName(
      "Wrong credentials (?error) and a sign-out (?logout) are said, in the page's language")
  void errorAndLogout() throws Exception {
    MockMvc mvc = mvc(false, Map.of());
    // Spring Security redirects to /login?error (a servlet container reads it as error=""; MockMvc
    // drops a parameter without '=')
    assertThat(DashboardMvc.page(mvc, "/login?error=", Locale.ENGLISH))
        .contains("id=\"login-error\"", "Wrong user name or password.")
        .doesNotContain("login-logout");
    assertThat(DashboardMvc.page(mvc, "/login?error=", Locale.SIMPLIFIED_CHINESE))
        .contains("用户名或密码错误。");
    assertThat(DashboardMvc.page(mvc, "/login?logout=", Locale.ENGLISH))
        .contains("id=\"login-logout\"", "You have been signed out.")
        .doesNotContain("login-error");
    assertThat(DashboardMvc.page(mvc, "/login?logout=", Locale.SIMPLIFIED_CHINESE))
        .contains("您已退出登录。");
  }

  @Test
  @DisplayName(
      "The demo login is named on the embedded default only; never without the development stack"
          + " (production), nor for another password")
  void demoHintOnTheEmbeddedDefaultOnly() throws Exception {
    assertThat(DashboardMvc.page(mvc(true, DEMO_ADMIN), "/login", Locale.ENGLISH))
        .contains("id=\"login-demo\"", "(development only): demo / demo");
    assertThat(DashboardMvc.page(mvc(false, DEMO_ADMIN), "/login", Locale.ENGLISH))
        .doesNotContain("login-demo", "demo / demo");
    Map<String, Object> ownPassword = new java.util.HashMap<>(DEMO_ADMIN);
    ownPassword.put("careflow.security.users[0].password", "{bcrypt}$2a$10$abcdefghijklmnopqrstuv");
    assertThat(DashboardMvc.page(mvc(true, ownPassword), "/login", Locale.ENGLISH))
        .doesNotContain("login-demo", "demo / demo");
  }
}
