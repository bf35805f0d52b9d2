package com.careflow.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may log in ({@code careflow.security.*}).
 *
 * @param users operators who log in with a password (HTTP Basic or the login form); none by default
 * @param jwt how bearer JWTs map to operators, when a JWT issuer is configured
 */
@ConfigurationProperties("careflow.security")
record CareflowSecurityProperties(List<User> users, @DefaultValue Jwt jwt) {

  CareflowSecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  /**
   * One operator.
   *
   * @param username the login name, as recorded in the audit log
   * @param password in Spring Security's DelegatingPasswordEncoder format: {@code {bcrypt}$2a$10$…}
   *     (or {@code {argon2}…}, {@code {pbkdf2}…}); {@code {noop}plain} for the development demo
   *     only
   * @param roles at least one of {@link Role}
   */
  record User(String username, String password, List<Role> roles) {
    User {
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }

  /**
   * @param rolesClaim the claim holding the operator's roles: a list or a space- or comma-separated
   *     string; a dotted path reaches into objects (Keycloak: {@code realm_access.roles}). Values
   *     equal to a {@link Role} name (any case, an optional {@code ROLE_} prefix) become that role;
   *     others are ignored
   * @param principalClaim the claim naming the operator in the audit log; {@code sub} when absent
   */
  record Jwt(
      @DefaultValue("roles") String rolesClaim,
      @DefaultValue("preferred_username") String principalClaim) {}
}
