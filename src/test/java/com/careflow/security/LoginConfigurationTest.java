package com.careflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The login settings are checked at start-up: a production start with no way to log in, or with an
 * operator who could never log in, is refused with a one-line reason naming the setting.
 */
class LoginConfigurationTest {

  @EnableConfigurationProperties(CareflowSecurityProperties.class)
  static class Settings {}

  final WebApplicationContextRunner app =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  WebMvcAutoConfiguration.class,
                  SecurityAutoConfiguration.class,
                  UserDetailsServiceAutoConfiguration.class,
                  OAuth2ResourceServerAutoConfiguration.class))
          .withUserConfiguration(Settings.class, SecurityConfiguration.class);

  @Test
  void neitherUsersNorAJwtIssuer_refusesToStartNamingBothSettings() {
    app.run(
        context -> {
          assertThat(context).hasFailed();
          Throwable failure =
              rootOf(context.getStartupFailure(), LoginConfigurationException.class);
          assertThat(failure.getMessage())
              .doesNotContain("\n")
              .contains("careflow.security.users")
              .contains("spring.security.oauth2.resourceserver.jwt.issuer-uri");
          FailureAnalysis analysis =
              new LoginConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
          assertThat(analysis.getAction()).contains("{bcrypt}");
        });
  }

  @Test
  void springBootFindsTheFailureAnalyzer() {
    assertThat(
            SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(
                    FailureAnalyzer.class,
                    null,
                    // others need the bean factory; only ours matters here
                    SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {})))
        .hasAtLeastOneElementOfType(LoginConfigurationFailureAnalyzer.class);
  }

  @Test
  void aConfiguredUserIsEnoughAndNoGeneratedDefaultUserAppears() {
    app.withPropertyValues(
            "careflow.security.users[0].username=ops",
            "careflow.security.users[0].password={bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z2gS8bLRd6uXg0Yb4w8G1E5K",
            "careflow.security.users[0].roles[0]=VIEWER")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(UserDetailsService.class);
              UserDetailsService users = context.getBean(UserDetailsService.class);
              assertThat(users.loadUserByUsername("ops").getAuthorities())
                  .extracting(Object::toString)
                  .containsExactly("ROLE_VIEWER");
              assertThat(context).getBeans(SecurityFilterChain.class).hasSize(2);
            });
  }

  @Test
  void aJwtIssuerKeyAloneIsEnough() throws Exception {
    Path key = Files.createTempFile("issuer", ".pub");
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      Files.writeString(
          key,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder()
                  .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      app.withPropertyValues(
              "spring.security.oauth2.resourceserver.jwt.public-key-location=" + key.toUri())
          .run(context -> assertThat(context).hasNotFailed());
    } finally {
      Files.deleteIfExists(key);
    }
  }

  @Test
  void aPasswordNotInDelegatingEncoderFormat_isRefusedNamingTheSetting() throws IOException {
    for (String password : new String[] {"secret", "{md9}abc", "{bcrypt}", ""}) {
      app.withPropertyValues(
              "careflow.security.users[0].username=ops",
              "careflow.security.users[0].password=" + password,
              "careflow.security.users[0].roles[0]=ADMIN")
          .run(
              context ->
                  assertThat(rootOf(context.getStartupFailure(), LoginConfigurationException.class))
                      .as(password)
                      .hasMessageStartingWith("careflow.security.users[0].password of 'ops'"));
    }
  }

  @Test
  void aUserWithoutRolesOrTwiceTheSameName_isRefused() {
    app.withPropertyValues(
            "careflow.security.users[0].username=ops",
            "careflow.security.users[0].password={noop}x")
        .run(
            context ->
                assertThat(rootOf(context.getStartupFailure(), LoginConfigurationException.class))
                    .hasMessageContaining("careflow.security.users[0].roles is empty"));
    app.withPropertyValues(
            "careflow.security.users[0].username=ops",
            "careflow.security.users[0].password={noop}x",
            "careflow.security.users[0].roles[0]=ADMIN",
            "careflow.security.users[1].username=ops",
            "careflow.security.users[1].password={noop}y",
            "careflow.security.users[1].roles[0]=VIEWER")
        .run(
            context ->
                assertThat(rootOf(context.getStartupFailure(), LoginConfigurationException.class))
                    .hasMessageContaining(
                        "careflow.security.users[1].username 'ops' is given twice"));
  }

  static Throwable rootOf(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
  }
}
