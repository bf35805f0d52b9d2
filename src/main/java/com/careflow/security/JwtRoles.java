package com.careflow.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A verified JWT as a Careflow operator: the name from the principal claim (falling back to {@code
 * sub}), the roles from the roles claim. A token without a known role is authenticated but may use
 * nothing that needs a role (403).
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

  private final CareflowSecurityProperties.Jwt settings;

  JwtRoles(CareflowSecurityProperties.Jwt settings) {
    this.settings = settings;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    List<SimpleGrantedAuthority> authorities =
        roles(jwt).stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    Object name = jwt.getClaims().get(settings.principalClaim());
    return new JwtAuthenticationToken(
        jwt, authorities, name instanceof String s && !s.isBlank() ? s : jwt.getSubject());
  }

  /** The Careflow roles named in the roles claim. */
  Set<Role> roles(Jwt jwt) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String value : values(claim(jwt.getClaims(), settings.rolesClaim()))) {
      String name = value.strip().toUpperCase(Locale.ROOT);
      if (name.startsWith("ROLE_")) {
        name = name.substring("ROLE_".length());
      }
      for (Role role : Role.values()) {
        if (role.name().equals(name)) {
          roles.add(role);
        }
      }
    }
    return roles;
  }

  /** The value at a dotted path ({@code realm_access.roles}); a claim named with dots wins. */
  private static Object claim(Map<String, Object> claims, String path) {
    if (claims.containsKey(path)) {
      return claims.get(path);
    }
    Object current = claims;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  private static List<String> values(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof Collection<?> list) {
      list.forEach(v -> values.add(String.valueOf(v)));
    } else if (claim instanceof String s) {
      for (String v : s.split("[\\s,]+")) {
        if (!v.isBlank()) {
          values.add(v);
        }
      }
    }
    return values;
  }
}
