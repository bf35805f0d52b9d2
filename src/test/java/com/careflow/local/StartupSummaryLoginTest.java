package com.careflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Fault: the development summary always printed "demo / demo", even with other users configured. It
 * names the configured first admin, and a password only for the built-in demo default.
 */
class StartupSummaryLoginTest {

  private static StartupSummary.Login login(Map<String, String> settings) {
    return StartupSummary.Login.of(new Binder(new MapConfigurationPropertySource(settings)));
  }

  @Test
  void theBuiltInDemoLoginIsPrintedWithItsPassword() {
    var login =
        login(
            Map.of(
                "careflow.security.users[0].username", "demo",
                "careflow.security.users[0].password", "{noop}demo",
                "careflow.security.users[0].roles[0]", "ADMIN"));
    assertThat(login.summary()).startsWith("demo / demo");
    assertThat(login.curl()).isEqualTo("demo:demo");
  }

  @Test
  void configuredUsersAreNamedWithoutTheirPassword_theFirstAdminWins() {
    var login =
        login(
            Map.of(
                "careflow.security.users[0].username", "viewer",
                "careflow.security.users[0].password", "{noop}seen-by-no-one",
                "careflow.security.users[0].roles[0]", "VIEWER",
                "careflow.security.users[1].username", "anna",
                "careflow.security.users[1].password", "{noop}secret-1",
                "careflow.security.users[1].roles[0]", "ADMIN"));
    assertThat(login.summary()).startsWith("anna / ").doesNotContain("secret-1", "demo");
    assertThat(login.curl()).isEqualTo("anna:PASSWORD");

    var demoWithOwnPassword =
        login(
            Map.of(
                "careflow.security.users[0].username", "demo",
                "careflow.security.users[0].password", "{noop}changed",
                "careflow.security.users[0].roles[0]", "ADMIN"));
    assertThat(demoWithOwnPassword.summary()).doesNotContain("changed", "demo / demo");
  }

  @Test
  void withoutAnAdminTheSummarySaysSo() {
    assertThat(login(Map.of()).summary()).contains("no operations admin");
  }

  @Test
  void theSummarySaysWhetherTheReminderHoldoutIsOn() {
    // #18: the shipped 10 % holdout is applied only with the setting on
    var off =
        new com.careflow.experiments.ExperimentProperties(
            new com.careflow.experiments.ExperimentProperties.PaymentReminderHoldout(false));
    assertThat(StartupSummary.experimentsLine(off))
        .startsWith("reminder holdout OFF (configured 10 %, not applied:")
        .contains(
            "careflow.experiments.payment-reminder-holdout.enabled is false",
            "CAREFLOW_EXPERIMENTS_PAYMENTREMINDERHOLDOUT_ENABLED=true");
    var on =
        new com.careflow.experiments.ExperimentProperties(
            new com.careflow.experiments.ExperimentProperties.PaymentReminderHoldout(true));
    assertThat(StartupSummary.experimentsLine(on))
        .isEqualTo(
            "reminder holdout ON: 10 % of reminded buyers held out (experiment payment-reminder)");
  }
}
