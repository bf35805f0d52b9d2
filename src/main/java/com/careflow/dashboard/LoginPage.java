package com.careflow.dashboard;

import com.careflow.platform.ProductionStartupChecks;
import com.careflow.security.DemoLogin;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Careflow's login page at {@code GET /login}, in the dashboard's look and language (the browser's,
 * switched with {@code ?lang=}). Spring Security's form login stays as it is: the form posts to
 * {@code /login} with its CSRF token, a wrong user name or password comes back as {@code
 * /login?error}, a sign-out as {@code /login?logout}. The embedded default's demo login ({@link
 * DemoLogin}) is named only while the development stack runs and the demo login is configured;
 * never in production.
 */
@Controller
class LoginPage {

  /** The demo login as the page names it, or null when it must not be shown. */
  private final String demo;

  LoginPage(Environment environment) {
    boolean embedded =
        environment instanceof ConfigurableEnvironment env
            && env.getPropertySources()
                .contains(ProductionStartupChecks.EMBEDDED_STACK_PROPERTY_SOURCE);
    this.demo =
        embedded && DemoLogin.configured(Binder.get(environment))
            ? DemoLogin.USERNAME + " / " + DemoLogin.PASSWORD
            : null;
  }

  @GetMapping("/login")
  String login(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout,
      Locale locale,
      Model model) {
    model.addAttribute("lang", locale.getLanguage().equals("zh") ? "zh-CN" : "en");
    model.addAttribute("error", error != null);
    model.addAttribute("logout", logout != null && error == null);
    model.addAttribute("demo", demo);
    return "dashboard/login";
  }
}
