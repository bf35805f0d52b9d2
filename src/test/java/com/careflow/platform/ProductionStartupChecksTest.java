package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.messaging.MessagingProperties;
import com.careflow.messaging.TwilioProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Fault: an unsafe production configuration (in-memory database, no sender, no webhook URL) starts
 * and loses data or sends nothing. Each kind is refused, naming the setting.
 */
class ProductionStartupChecksTest {

  private static final String POSTGRES = "jdbc:postgresql://db:5432/careflow";
  private static final Map<String, String> TWILIO =
      Map.of(
          "careflow.twilio.account-sid", "AC00000000000000000000000000000000",
          "careflow.twilio.auth-token", "secret",
          "careflow.twilio.from", "+15005550006");

  private static TwilioProperties twilio(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("careflow.twilio", Bindable.of(TwilioProperties.class));
  }

  private static MessagingProperties messaging(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("careflow.messaging", Bindable.of(MessagingProperties.class));
  }

  private static List<String> problems(String url, Map<String, String> settings) {
    return ProductionStartupChecks.problems(url, twilio(settings), messaging(settings));
  }

  @Test
  void aCompleteProductionConfigurationPasses() {
    var settings = new java.util.HashMap<>(TWILIO);
    settings.put("careflow.twilio.webhook-base-url", "https://careflow.example.com");
    assertThat(problems(POSTGRES, settings)).isEmpty();
  }

  @Test
  void dryRunSetExplicitlyPassesWithoutTwilio() {
    assertThat(problems(POSTGRES, Map.of("careflow.messaging.dry-run", "true"))).isEmpty();
  }

  @Test
  void missingDatasourceIsRefusedNamingTheSetting() {
    assertThat(problems(null, Map.of("careflow.messaging.dry-run", "true")))
        .singleElement()
        .asString()
        .contains("spring.datasource.url", "SPRING_DATASOURCE_URL", "not set");
    assertThat(problems("  ", Map.of("careflow.messaging.dry-run", "true"))).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:h2:mem:careflow;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "jdbc:h2:file:/tmp/careflow",
        "JDBC:H2:mem:x",
        "jdbc:hsqldb:mem:careflow",
        "jdbc:derby:memory:careflow;create=true",
        "jdbc:sqlite::memory:"
      })
  void inMemoryOrEmbeddedDatabasesAreRefused(String url) {
    assertThat(problems(url, Map.of("careflow.messaging.dry-run", "true")))
        .singleElement()
        .asString()
        .contains("spring.datasource.url", "in-memory or embedded")
        .doesNotContain("MODE=PostgreSQL");
  }

  @Test
  void noSenderAndNoExplicitDryRunIsRefused() {
    assertThat(problems(POSTGRES, Map.of()))
        .singleElement()
        .asString()
        .contains(
            "careflow.twilio.account-sid",
            "careflow.twilio.auth-token",
            "careflow.messaging.dry-run");
    assertThat(problems(POSTGRES, Map.of("careflow.messaging.dry-run", "false"))).hasSize(1);
    assertThat(
            problems(
                POSTGRES,
                Map.of("careflow.twilio.account-sid", "AC00000000000000000000000000000000")))
        .as("an account without a token is no sender")
        .hasSize(1);
  }

  @Test
  void twilioWithoutWebhookBaseUrlIsRefused() {
    assertThat(problems(POSTGRES, TWILIO))
        .singleElement()
        .asString()
        .contains("careflow.twilio.webhook-base-url", "CAREFLOW_TWILIO_WEBHOOKBASEURL");
  }

  @Test
  void anEmptyWebhookBaseUrlCountsAsMissing() {
    var settings = new java.util.HashMap<>(TWILIO);
    settings.put("careflow.twilio.webhook-base-url", "");
    assertThat(problems(POSTGRES, settings)).singleElement().asString().contains("webhook");
    assertThat(
            problems(
                POSTGRES,
                Map.of(
                    "careflow.twilio.webhook-base-url", "", "careflow.messaging.dry-run", "true")))
        .as("no Twilio: the empty URL of the compose file is not needed")
        .isEmpty();
  }

  @Test
  void noConfigurationAtAllNamesEveryMissingSetting() {
    assertThat(problems(null, Map.of()))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("spring.datasource.url"))
        .anySatisfy(p -> assertThat(p).contains("careflow.messaging.dry-run"));
  }

  @Test
  void theStartupCheckThrowsBeforeAnyBeanAndTheAnalyzerPrintsOneLinePerProblem() {
    var checks = new ProductionStartupChecks();
    checks.setEnvironment(new MockEnvironment());

    assertThatThrownBy(() -> checks.postProcessBeanFactory(new DefaultListableBeanFactory()))
        .isInstanceOfSatisfying(
            UnsafeConfigurationException.class,
            e -> {
              FailureAnalysis analysis = new UnsafeConfigurationFailureAnalyzer().analyze(e, e);
              assertThat(analysis.getDescription().lines())
                  .hasSize(3)
                  .allSatisfy(line -> assertThat(line).startsWith("Careflow refuses to start: "))
                  .anySatisfy(line -> assertThat(line).contains("spring.datasource.url"))
                  .anySatisfy(line -> assertThat(line).contains("careflow.messaging.dry-run"))
                  .anySatisfy(
                      line ->
                          assertThat(line)
                              .contains("No login is configured", "careflow.security.users"));
              assertThat(analysis.getAction()).contains("spring-boot:test-run");
            });
  }

  @Test
  void theEmbeddedStackOfDevelopmentRelaxesTheChecks() {
    var env = new MockEnvironment();
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                ProductionStartupChecks.EMBEDDED_STACK_PROPERTY_SOURCE, Map.of()));
    var checks = new ProductionStartupChecks();
    checks.setEnvironment(env);

    assertThatNoException()
        .isThrownBy(() -> checks.postProcessBeanFactory(new DefaultListableBeanFactory()));
  }

  @Test
  void aMissingLoginIsReportedTogetherWithTheOtherProblems_andEveryUnusableOperatorToo() {
    var env =
        new MockEnvironment()
            .withProperty("careflow.twilio.account-sid", "AC00000000000000000000000000000000")
            .withProperty("careflow.twilio.auth-token", "secret")
            .withProperty("careflow.twilio.webhook-base-url", "http://careflow.example.com");
    var checks = new ProductionStartupChecks();
    checks.setEnvironment(env);
    assertThatThrownBy(() -> checks.postProcessBeanFactory(new DefaultListableBeanFactory()))
        .isInstanceOfSatisfying(
            UnsafeConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).contains("spring.datasource.url"))
                    .anySatisfy(p -> assertThat(p).contains("webhook-base-url", "https"))
                    .anySatisfy(p -> assertThat(p).contains("No login is configured")));

    var users =
        new MockEnvironment()
            .withProperty("careflow.security.users[0].username", "anna")
            .withProperty("careflow.security.users[0].password", "plain")
            .withProperty("careflow.security.users[0].roles[0]", "ADMIN")
            .withProperty("careflow.security.users[1].username", "ben")
            .withProperty("careflow.security.users[1].password", "{bcrypt}$2a$10$x")
            .withProperty("careflow.messaging.dry-run", "true");
    var userChecks = new ProductionStartupChecks();
    userChecks.setEnvironment(users);
    assertThatThrownBy(() -> userChecks.postProcessBeanFactory(new DefaultListableBeanFactory()))
        .isInstanceOfSatisfying(
            UnsafeConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).contains("spring.datasource.url"))
                    .anySatisfy(p -> assertThat(p).contains("users[0].password of 'anna'"))
                    .anySatisfy(p -> assertThat(p).contains("users[1].roles is empty")));
  }

  @Test
  void aJwtIssuerIsALogin() {
    var env =
        new MockEnvironment()
            .withProperty("spring.datasource.url", POSTGRES)
            .withProperty("careflow.messaging.dry-run", "true")
            .withProperty(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "https://id.example.com/realms/shop");
    var checks = new ProductionStartupChecks();
    checks.setEnvironment(env);
    assertThatNoException()
        .isThrownBy(() -> checks.postProcessBeanFactory(new DefaultListableBeanFactory()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://careflow.example.com",
        "HTTP://careflow.example.com/careflow",
        "http://10.0.0.5:8080",
        "ftp://careflow.example.com",
        "careflow.example.com"
      })
  void aWebhookBaseUrlThatIsNotHttpsIsRefused(String url) {
    var settings = new java.util.HashMap<>(TWILIO);
    settings.put("careflow.twilio.webhook-base-url", url);
    assertThat(problems(POSTGRES, settings))
        .singleElement()
        .asString()
        .contains("careflow.twilio.webhook-base-url", "CAREFLOW_TWILIO_WEBHOOKBASEURL", "https");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://careflow.example.com",
        "https://careflow.example.com:8443/careflow",
        "http://localhost:8080",
        "http://127.0.0.1:8080/careflow",
        "http://[::1]:8080"
      })
  void httpsOrPlainHttpToALoopbackHostIsAccepted(String url) {
    var settings = new java.util.HashMap<>(TWILIO);
    settings.put("careflow.twilio.webhook-base-url", url);
    assertThat(problems(POSTGRES, settings)).isEmpty();
  }

  @Test
  void settingsFromTheEnvironmentAreRead() {
    var env =
        new MockEnvironment()
            .withProperty("spring.datasource.url", POSTGRES)
            .withProperty("careflow.messaging.dry-run", "true")
            .withProperty("careflow.security.users[0].username", "admin")
            .withProperty(
                "careflow.security.users[0].password",
                "{bcrypt}$2a$10$LPzkTCYgwDow1YII.9TR..OS9WI73ewqFFCr.OEcwzWIRQ7QLgBKG")
            .withProperty("careflow.security.users[0].roles[0]", "ADMIN");
    var checks = new ProductionStartupChecks();
    checks.setEnvironment(env);

    assertThatNoException()
        .isThrownBy(() -> checks.postProcessBeanFactory(new DefaultListableBeanFactory()));
  }
}
