package com.careflow.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The login settings' part of the production start-up checks ({@code
 * com.careflow.platform.ProductionStartupChecks} runs it with the database and Twilio checks, so
 * that all problems are reported at once): a way to log in must be configured, and every configured
 * operator must be able to log in. {@link SecurityConfiguration} applies the same rules when it
 * builds the login (also in development).
 */
public final class LoginSettingsCheck {

  static final String NO_LOGIN =
      "No login is configured: set careflow.security.users (username, {bcrypt} password,"
          + " roles; CAREFLOW_SECURITY_USERS_0_USERNAME, ..._PASSWORD, ..._ROLES_0) or"
          + " spring.security.oauth2.resourceserver.jwt.issuer-uri"
          + " (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI; or jwk-set-uri /"
          + " public-key-location)";

  private static final List<String> JWT_SETTINGS =
      List.of(
          "spring.security.oauth2.resourceserver.jwt.issuer-uri",
          "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
          "spring.security.oauth2.resourceserver.jwt.public-key-location");

  private LoginSettingsCheck() {}

  /**
   * What keeps operators from logging in, one sentence per problem naming the setting; empty when
   * nothing does.
   *
   * @param settings the application's settings, as {@code @ConfigurationProperties} see them
   * @throws org.springframework.boot.context.properties.bind.BindException when a setting cannot be
   *     read (an unknown role)
   */
  public static List<String> problems(Binder settings) {
    CareflowSecurityProperties security =
        settings.bindOrCreate("careflow.security", Bindable.of(CareflowSecurityProperties.class));
    boolean jwt =
        JWT_SETTINGS.stream()
            .anyMatch(key -> !settings.bind(key, String.class).orElse("").isBlank());
    List<String> problems = new ArrayList<>();
    if (security.users().isEmpty() && !jwt) {
      problems.add(NO_LOGIN);
    }
    problems.addAll(
        userProblems(security.users(), PasswordEncoderFactories.createDelegatingPasswordEncoder()));
    return problems;
  }

  /** Why a configured operator could not log in, one sentence each naming the setting. */
  static List<String> userProblems(
      List<CareflowSecurityProperties.User> users, PasswordEncoder encoder) {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < users.size(); i++) {
      CareflowSecurityProperties.User user = users.get(i);
      String key = "careflow.security.users[" + i + "]";
      if (user.username() == null || user.username().isBlank()) {
        problems.add(key + ".username is empty");
        continue;
      }
      if (!names.add(user.username())) {
        problems.add(key + ".username '" + user.username() + "' is given twice");
      }
      if (user.roles().isEmpty()) {
        problems.add(key + ".roles is empty for '" + user.username() + "': give VIEWER or ADMIN");
      }
      if (!passwordUsable(user.password(), encoder)) {
        problems.add(
            key
                + ".password of '"
                + user.username()
                + "' must be '{bcrypt}<hash>' (Spring Security's DelegatingPasswordEncoder format;"
                + " {noop}<plain> for development only)");
      }
    }
    return problems;
  }

  private static boolean passwordUsable(String password, PasswordEncoder encoder) {
    if (password == null || !password.matches("\\{[^}]+}.+")) {
      return false;
    }
    try {
      encoder.matches("", password);
      return true;
    } catch (IllegalArgumentException unknownEncoding) {
      return false;
    }
  }
}
