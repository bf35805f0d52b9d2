package com.careflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Roles from a JWT claim, as Keycloak, Camunda Identity and other OIDC providers put them. */
class JwtRolesTest {

  static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder builder =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("3f9c-sub")
            .issuedAt(Instant.parse("2026-11-11T00:00:00Z"))
            .expiresAt(Instant.parse("2026-11-11T01:00:00Z"));
    claims.forEach(builder::claim);
    return builder.build();
  }

  static JwtRoles converter(String rolesClaim) {
    return new JwtRoles(new CareflowSecurityProperties.Jwt(rolesClaim, "preferred_username"));
  }

  @Test
  void aFlatListClaimMapsRoleNamesInAnyCaseAndWithRolePrefix() {
    var token =
        converter("roles")
            .convert(jwt(Map.of("roles", List.of("viewer", "ROLE_ADMIN", "offline_access"))));

    assertThat(token.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_ADMIN");
  }

  @Test
  void aDottedPathReachesKeycloaksRealmRoles() {
    var token =
        converter("realm_access.roles")
            .convert(jwt(Map.of("realm_access", Map.of("roles", List.of("Admin")))));

    assertThat(token.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_ADMIN");
  }

  @Test
  void aSpaceOrCommaSeparatedStringClaimIsSplit() {
    var token = converter("groups").convert(jwt(Map.of("groups", "viewer, other admin")));

    assertThat(token.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_ADMIN");
  }

  @Test
  void noClaim_aClaimOfAnotherShape_orUnknownRolesGiveNoRole() {
    for (Map<String, Object> claims :
        List.<Map<String, Object>>of(
            Map.of(),
            Map.of("roles", 42),
            Map.of("roles", List.of("uma_authorization")),
            Map.of("realm_access", "not-an-object"))) {
      assertThat(converter("roles").convert(jwt(claims)).getAuthorities())
          .as("%s", claims)
          .isEmpty();
      assertThat(converter("realm_access.roles").convert(jwt(claims)).getAuthorities())
          .as("%s", claims)
          .isEmpty();
    }
  }

  @Test
  void theOperatorIsNamedByThePrincipalClaim_elseBySubject() {
    assertThat(converter("roles").convert(jwt(Map.of("preferred_username", "anna"))).getName())
        .isEqualTo("anna");
    assertThat(converter("roles").convert(jwt(Map.of())).getName()).isEqualTo("3f9c-sub");
  }
}
